// Islands on the server: markers, safely serialised props, bundles served with hashed names, the
// islands folder, and the build command feeding production.
import assert from "node:assert/strict";
import { join } from "node:path";
import { App, type Logger, silentLogger } from "@plinth/plinth";
import { testApp } from "@plinth/plinth/testing";
import { templating } from "@plinth/plinth/templating";
import Counter from "./fixtures/templating/counter.tsx";
import Greeting from "./fixtures/templating/islands/greeting.tsx";
import { Panel } from "./fixtures/templating/islands/panel.tsx";

const ISLANDS = "tests/fixtures/templating/islands";

function islandsOf(html: string): [string, string, Record<string, unknown>][] {
  const json = html.match(/<script type="application\/json" id="__plinth_islands">(.*?)<\/script>/);
  assert.ok(json, "the page lists its islands");
  return JSON.parse(json[1]);
}

Deno.test("an island renders in its marker, with props that cannot break out of the script", async () => {
  const app = testApp().register(templating());
  const label = "</script><script>alert(1)</script>\u2028<!--";
  app.get("/", (ctx) =>
    ctx.render(
      <main>
        <Counter start={3} label={label} />
      </main>,
    ));
  const res = await app.request("/");
  const html = await res.text();
  assert.match(
    html,
    /<main><plinth-island data-island="0"><button type="button" class="counter" ?>&lt;\/script>&lt;script>alert\(1\)&lt;\/script>\u2028&lt;!--: 3<\/button><\/plinth-island><\/main>/,
  );
  const data = html.match(/id="__plinth_islands">(.*?)<\/script>/)![1];
  assert.doesNotMatch(data, /<|>|\u2028/);
  assert.match(
    data,
    /\\u003c\/script\\u003e\\u003cscript\\u003ealert\(1\)\\u003c\/script\\u003e\\u2028\\u003c!--/,
  );
  const [[url, exportName, props]] = islandsOf(html);
  assert.match(url, /^\/_plinth\/islands\/counter-[0-9a-f]{16}\.js$/);
  assert.equal(exportName, "default");
  assert.deepEqual(props, { start: 3, label });

  const nonce = res.headers.get("content-security-policy")!.match(/'nonce-([^']+)'/)![1];
  const boot = html.match(/<script type="module" nonce="([^"]+)">import\{boot\}from"([^"]+)";/)!;
  assert.equal(boot[1], nonce);
  assert.match(boot[2], /^\/_plinth\/islands\/runtime-[0-9a-f]{16}\.js$/);

  for (const path of [url, boot[2]]) {
    const js = await app.request(path);
    assert.equal(js.status, 200);
    assert.equal(js.headers.get("content-type"), "text/javascript; charset=utf-8");
    assert.equal(js.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.match(await js.text(), /export/);
  }
  assert.equal((await app.request("/_plinth/islands/counter-0000000000000000.js")).status, 404);
});

Deno.test("the islands folder makes its components islands; nested islands hydrate with their parent", async () => {
  const app = testApp().register(templating({ islands: ISLANDS }));
  app.get("/", (ctx) =>
    ctx.render(
      <>
        <Greeting names={["Ann", "Bob"]} since={new Date("2020-05-01T00:00:00Z")} />
        <Panel title="Tools" />
      </>,
    ));
  const html = await (await app.request("/")).text();
  assert.match(
    html,
    /<plinth-island data-island="0"><p class="greeting" ?>Hello, Ann \(since 2020\)<\/p>/,
  );
  assert.match(
    html,
    /<plinth-island data-island="1"><section class="panel"><h2 ?>Tools<\/h2><button/,
  );
  assert.equal(html.match(/<plinth-island /g)!.length, 2);
  const [greeting, panel] = islandsOf(html);
  assert.match(greeting[0], /\/greeting-[0-9a-f]{16}\.js$/);
  assert.deepEqual(greeting[2], {
    names: ["Ann", "Bob"],
    since: { $t: "Date", v: "2020-05-01T00:00:00.000Z" },
  });
  assert.match(panel[0], /\/panel-[0-9a-f]{16}\.js$/);
  assert.equal(panel[1], "Panel");
});

Deno.test("props that cannot be serialised fail with the island and prop named", async () => {
  const app = testApp().register(templating({ errorPage: false }));
  let failure: unknown;
  app.onError((error) => {
    failure = error;
    return new Response(null, { status: 500 });
  });
  app.get("/", (ctx) => ctx.render(<Counter start={1} label={(() => "x") as never} />));
  assert.equal((await app.request("/")).status, 500);
  assert.match(String(failure), /Cannot send prop "label" of island "Counter": functions cannot/);
});

function recorder(): { logger: Logger; warnings: string[] } {
  const warnings: string[] = [];
  const logger: Logger = { ...silentLogger, warn: (message) => void warnings.push(message) };
  return { logger, warnings };
}

Deno.test("the build command writes hashed bundles that production serves without bundling", async () => {
  const buildDir = await Deno.makeTempDir({ prefix: "plinth-build-" });
  try {
    const builder = testApp().register(templating({ islands: ISLANDS, buildDir }));
    const lines: string[] = [];
    assert.equal(await builder.manage(["build"], (line) => lines.push(line)), 0);
    assert.match(lines[0], /^Bundled 3 islands into \d+ files in /);
    const manifest = JSON.parse(await Deno.readTextFile(join(buildDir, "manifest.json")));
    assert.match(manifest.runtime, /^runtime-[0-9a-f]{16}\.js$/);
    assert.match(
      manifest.modules["tests/fixtures/templating/counter.tsx"],
      /^counter-[0-9a-f]{16}\.js$/,
    );
    const files = [];
    for await (const entry of Deno.readDir(buildDir)) files.push(entry.name);
    assert.ok(files.includes(manifest.runtime));
    assert.ok(files.some((name) => /^chunk-\w+\.js$/.test(name)), "Preact is in a shared chunk");

    const { logger, warnings } = recorder();
    const app = new App({
      env: "production",
      allowedHosts: ["localhost"],
      secretKeys: ["a-production-secret-key-that-is-long-enough"],
      logger,
    }).register(templating({ islands: ISLANDS, buildDir }));
    app.get("/", (ctx) => ctx.render(<Counter start={1} label="Prod" />));
    const html = await (await app.request("/")).text();
    assert.match(html, new RegExp(`import\\{boot\\}from"/_plinth/islands/${manifest.runtime}"`));
    const [[url]] = islandsOf(html);
    assert.equal(
      url,
      `/_plinth/islands/${manifest.modules["tests/fixtures/templating/counter.tsx"]}`,
    );
    const js = await app.request(url);
    assert.equal(await js.text(), await Deno.readTextFile(join(buildDir, url.split("/").pop()!)));
    assert.deepEqual(warnings, []);
    await app.close();
  } finally {
    await Deno.remove(buildDir, { recursive: true });
  }
});
