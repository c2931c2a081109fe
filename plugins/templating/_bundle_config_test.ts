import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleConfig, stripJsonc } from "./_bundle_config.ts";

Deno.test("stripJsonc removes comments and trailing commas, never inside strings", () => {
  const text = `{
    // a comment
    "url": "https://x.test/*not a comment*/", /* block
    comment */ "list": [1, 2,],
    "s": "a, }", "escaped": "quote \\" // still a string",
  }`;
  assert.deepEqual(JSON.parse(stripJsonc(text)), {
    url: "https://x.test/*not a comment*/",
    list: [1, 2],
    s: "a, }",
    escaped: 'quote " // still a string',
  });
});

Deno.test("the bundle config keeps the project's imports, made absolute, with automatic JSX", async () => {
  const root = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(
      join(root, "deno.jsonc"),
      `{
        // the project's map
        "imports": { "preact": "npm:preact@^11", "@/": "./src/" },
        "importMap": "./more.json",
        "compilerOptions": { "jsx": "precompile", "strict": true },
      }`,
    );
    await Deno.writeTextFile(
      join(root, "more.json"),
      JSON.stringify({ imports: { "lib/": "./vendor/lib/" } }),
    );
    const config = await bundleConfig(root, { "@plinth/plinth/templating": "file:///client.ts" });
    const base = pathToFileURL(root + "/").href;
    assert.deepEqual(config, {
      imports: {
        preact: "npm:preact@^11",
        "@/": `${base}src/`,
        "lib/": `${base}vendor/lib/`,
        "@plinth/plinth/templating": "file:///client.ts",
      },
      scopes: {},
      compilerOptions: { jsx: "react-jsx", jsxImportSource: "preact", strict: true },
    });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
