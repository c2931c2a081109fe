import assert from "node:assert/strict";
import { App } from "../../core/mod.ts";
import { parseLevelSpec } from "./_levels.ts";
import { resolveSettings } from "./_settings.ts";
import { logging, memorySink } from "./mod.ts";

function env(values: Record<string, string>): (name: string) => string | undefined {
  return (name) => values[name];
}

Deno.test("parseLevelSpec reads a level, category overrides and the warn alias", () => {
  assert.deepEqual(parseLevelSpec("warn, plinth.model=debug,plinth.request=off", "X"), {
    root: "warning",
    categories: { "plinth.model": "debug", "plinth.request": "off" },
  });
  assert.deepEqual(parseLevelSpec("", "X"), { root: undefined, categories: {} });
});

Deno.test("parseLevelSpec refuses unknown levels and categories outside plinth", () => {
  assert.throws(
    () => parseLevelSpec("loud", "PLINTH_LOG_LEVEL"),
    /PLINTH_LOG_LEVEL has level "loud"; use trace, debug, info, warning, error, fatal or off/,
  );
  assert.throws(
    () => parseLevelSpec("model=debug", "PLINTH_LOG_LEVEL"),
    /names category "model", which is not under "plinth"; write "plinth.model"/,
  );
});

Deno.test("defaults depend on the environment: debug and pretty in development, info and JSON in production", () => {
  const none = env({});
  assert.equal(resolveSettings({}, "development", none).levels.root, "debug");
  assert.equal(resolveSettings({}, "development", none).format, "pretty");
  assert.equal(resolveSettings({}, "production", none).levels.root, "info");
  assert.equal(resolveSettings({}, "production", none).format, "json");
  assert.equal(resolveSettings({}, "test", none).levels.root, "warning");
});

Deno.test("PLINTH_LOG_LEVEL and PLINTH_LOG_FORMAT apply unless options say otherwise", () => {
  const vars = env({ PLINTH_LOG_LEVEL: "error,plinth.model=debug", PLINTH_LOG_FORMAT: "pretty" });
  const fromEnv = resolveSettings({}, "production", vars);
  assert.equal(fromEnv.levels.root, "error");
  assert.equal(fromEnv.levels.categories.get("plinth.model"), "debug");
  assert.equal(fromEnv.format, "pretty");
  const options = resolveSettings(
    {
      level: "info",
      format: "json",
      categories: { "plinth.model": "warning" },
    },
    "production",
    vars,
  );
  assert.equal(options.levels.root, "info");
  assert.equal(options.levels.categories.get("plinth.model"), "warning");
  assert.equal(options.format, "json");
});

Deno.test("a bad PLINTH_LOG_FORMAT is refused with what to write instead", () => {
  assert.throws(
    () => resolveSettings({}, "production", env({ PLINTH_LOG_FORMAT: "xml" })),
    /PLINTH_LOG_FORMAT is "xml"; use pretty or json/,
  );
});

Deno.test("bad options fail when the plugin is made, not on the first request", () => {
  assert.throws(() => logging({ level: "loud" as "info" }), /the level option has level "loud"/);
  assert.throws(() => logging({ categories: { model: "debug" } }), /write "plinth.model"/);
  assert.throws(() => logging({ format: "xml" as "json" }), /use pretty or json/);
  assert.throws(() => logging({ slowMs: -1 }), /slowMs is -1; use 0 or more/);
  assert.throws(() => logging({ file: { path: "x.log", maxFiles: 0 } }), /maxFiles is 0/);
});

Deno.test("records below a category's level are dropped; children inherit the nearest level", async () => {
  const sink = memorySink();
  const app = new App({ env: "test" }).register(logging({
    console: false,
    level: "warning",
    categories: { "plinth.model": "debug", "plinth.model.sql": "off" },
    sinks: [sink],
  }));
  await app.boot();
  const model = app.log.getChild("model");
  app.log.info("dropped: root is at warning");
  app.log.warn("kept: root warning");
  model.debug("kept: model is at debug");
  model.trace("dropped: below debug");
  model.getChild("migrations").debug("kept: inherits model's debug");
  model.getChild("sql").fatal("dropped: sql is off");
  assert.deepEqual(sink.records.map((r) => r.message), [
    "kept: root warning",
    "kept: model is at debug",
    "kept: inherits model's debug",
  ]);
  assert.deepEqual(sink.records[2].category, ["plinth", "model", "migrations"]);
  await app.close();
});

Deno.test("messages are literal text: braces are not placeholders", async () => {
  const sink = memorySink();
  const app = new App({ env: "test" })
    .register(logging({ console: false, level: "info", sinks: [sink] }));
  await app.boot();
  app.log.info("Parsed {json} with {{braces}}", { json: "ignored" });
  assert.equal(sink.records[0].message, "Parsed {json} with {{braces}}");
  await app.close();
});
