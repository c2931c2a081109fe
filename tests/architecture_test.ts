// The boundaries of DESIGN.md, checked on every import of every TypeScript file: core imports no
// plugin, units meet only through mod.ts, plugins import only the plugins they depend on, and each
// third-party package belongs to one unit.
import assert from "node:assert/strict";
import { dirname, join, relative, resolve } from "node:path";

const root = resolve(import.meta.dirname!, "..");
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|(?:^|\n)\s*import\s+["']([^"']+)["']/g;

interface SourceFile {
  path: string;
  unit: string;
  imports: string[];
  text: string;
}

async function* walk(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* walk(path);
    else if (/\.tsx?$/.test(entry.name)) yield path;
  }
}

/**
 * The unit a file belongs to: `core`, `core/testing`, `plugins/<name>`, `examples/<name>`, or
 * its top folder.
 */
function unitOf(path: string): string {
  const parts = relative(root, path).split("/");
  if (parts[0] === "core") return parts[1] === "testing" ? "core/testing" : "core";
  if (parts[0] === "plugins" || parts[0] === "examples") return `${parts[0]}/${parts[1]}`;
  return parts.length === 1 ? "root" : parts[0];
}

async function sources(): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  for await (const path of walk(root)) {
    const text = await Deno.readTextFile(path);
    const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
    const imports = [...code.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]);
    files.push({ path, unit: unitOf(path), imports, text });
  }
  return files;
}

const files = await sources();

function relativeTargets(file: SourceFile) {
  return file.imports.filter((s) => s.startsWith(".")).map((s) => resolve(dirname(file.path), s));
}

Deno.test("core imports no plugin", () => {
  for (const file of files.filter((f) => f.unit === "core" || f.unit === "core/testing")) {
    for (const target of relativeTargets(file)) {
      assert.ok(
        !relative(root, target).startsWith("plugins/"),
        `${relative(root, file.path)} imports ${target}`,
      );
    }
  }
});

Deno.test("units reach each other only through mod.ts", () => {
  for (const file of files) {
    for (const target of relativeTargets(file)) {
      const targetUnit = unitOf(target);
      if (targetUnit === file.unit) continue;
      // Benchmarks start servers the way the tests do, with the same fixtures.
      if (file.unit === "bench" && relative(root, target).startsWith("tests/fixtures/")) continue;
      assert.ok(
        target.endsWith("/mod.ts"),
        `${relative(root, file.path)} imports ${relative(root, target)}, inside unit ${targetUnit}`,
      );
    }
  }
});

Deno.test("plugins import only the plugins they declare in dependsOn", () => {
  for (const file of files.filter((f) => f.unit.startsWith("plugins/"))) {
    const unitText = files.filter((f) => f.unit === file.unit).map((f) => f.text).join("\n");
    const declared = [...unitText.matchAll(/dependsOn:\s*\[([^\]]*)\]/g)].flatMap((m) =>
      [...m[1].matchAll(/["']([\w-]+)["']/g)].map((n) => n[1])
    );
    for (const target of relativeTargets(file)) {
      const targetUnit = unitOf(target);
      if (!targetUnit.startsWith("plugins/") || targetUnit === file.unit) continue;
      const name = targetUnit.slice("plugins/".length);
      assert.ok(declared.includes(name), `${file.unit} imports ${name} without dependsOn`);
    }
  }
});

Deno.test("each third-party package is imported by one unit, through the import map", async () => {
  const config = JSON.parse(await Deno.readTextFile(join(root, "deno.json")));
  const mapped = Object.keys(config.imports ?? {});
  const owners = new Map<string, Set<string>>();
  for (const file of files.filter((f) => f.unit !== "bench")) {
    for (const specifier of file.imports) {
      assert.doesNotMatch(
        specifier,
        /^(npm|jsr|https?):/,
        `${relative(root, file.path)}: ${specifier}`,
      );
      if (specifier.startsWith(".") || specifier.startsWith("node:")) continue;
      if (specifier.startsWith("@plinth/plinth")) continue;
      const name = mapped.find((m) => specifier === m || specifier.startsWith(`${m}/`));
      assert.ok(
        name,
        `${relative(root, file.path)} imports "${specifier}", missing from deno.json`,
      );
      owners.set(name, (owners.get(name) ?? new Set()).add(file.unit));
    }
  }
  for (const [name, units] of owners) {
    assert.equal(units.size, 1, `"${name}" is imported by ${[...units].join(", ")}`);
  }
});

Deno.test("the architecture check sees the files it guards", () => {
  assert.ok(files.some((f) => f.unit === "core" && f.imports.length > 0));
  assert.ok(IMPORT.test('\nimport { x } from "./y.ts";'));
});
