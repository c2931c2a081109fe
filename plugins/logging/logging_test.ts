import assert from "node:assert/strict";
import { App, silentLogger } from "../../core/mod.ts";
import { configureSync, getConfig, resetSync } from "./_logtape.ts";
import { logging, memorySink, type Sink } from "./mod.ts";

Deno.test("logging() installs its logger behind app.log, even for children taken earlier", async () => {
  const sink = memorySink();
  const app = new App({ env: "test", logger: silentLogger })
    .register(logging({ console: false, level: "info", sinks: [sink] }));
  const early = app.log.getChild("cache").with({ store: "memory" });
  early.info("Before boot");
  assert.equal(sink.records.length, 0);
  await app.boot();
  early.info("Cache miss", { key: "k" });
  assert.deepEqual(sink.records[0].category, ["plinth", "cache"]);
  assert.deepEqual(sink.records[0].properties, { store: "memory", key: "k" });
  await app.close();
  early.info("After close");
  assert.equal(sink.records.length, 1);
});

Deno.test("each level method writes at its level", async () => {
  const sink = memorySink();
  const app = new App({ env: "test" })
    .register(logging({ console: false, level: "trace", sinks: [sink] }));
  await app.boot();
  const log = app.log;
  log.trace("t");
  log.debug("d");
  log.info("i");
  log.warn("w");
  log.error("e");
  log.fatal("f");
  assert.deepEqual(sink.records.map((r) => r.level), [
    "trace",
    "debug",
    "info",
    "warning",
    "error",
    "fatal",
  ]);
  await app.close();
});

Deno.test("apps in one process keep their own sinks and levels", async () => {
  const [one, two] = [memorySink(), memorySink()];
  const first = new App({ env: "test" })
    .register(logging({ console: false, level: "info", sinks: [one] }));
  const second = new App({ env: "test" })
    .register(logging({ console: false, level: "error", sinks: [two] }));
  first.get("/", (ctx) => ctx.text("first"));
  second.get("/", (ctx) => ctx.text("second"));
  await first.request("/");
  await second.request("/");
  first.log.info("From the first");
  second.log.info("Dropped: below error");
  second.log.error("From the second");
  assert.deepEqual(one.records.map((r) => r.message), ["GET / 200", "From the first"]);
  assert.deepEqual(two.records.map((r) => r.message), ["From the second"]);
  await first.close();
  second.log.error("Still routed after the first app closed");
  assert.equal(two.records.length, 2);
  await second.close();
});

Deno.test("LogTape is configured while an app logs and reset when the last one closes", async () => {
  const app = new App({ env: "test" }).register(logging({ console: false }));
  await app.boot();
  assert.notEqual(getConfig(), null);
  await app.close();
  assert.equal(getConfig(), null);
});

Deno.test("a LogTape configuration made elsewhere is refused at boot, not clobbered", async () => {
  configureSync({ sinks: {}, loggers: [{ category: ["logtape", "meta"], lowestLevel: null }] });
  try {
    const app = new App({ env: "test" }).register(logging({ console: false }));
    await assert.rejects(() => app.boot(), /LogTape is already configured in this process/);
    await app.close();
    assert.notEqual(getConfig(), null);
  } finally {
    resetSync();
  }
});

Deno.test("one plugin object cannot serve two apps at once", async () => {
  const plugin = logging({ console: false });
  const first = new App({ env: "test" }).register(plugin);
  const second = new App({ env: "test" }).register(plugin);
  await first.boot();
  await assert.rejects(() => second.boot(), /this plugin object serves another app/);
  await first.close();
  await second.close();
});

Deno.test("a failing sink fails neither the request nor the other sinks", async () => {
  const sink = memorySink();
  let calls = 0;
  const broken: Sink = function broken() {
    calls++;
    throw new Error("disk full");
  };
  const app = new App({ env: "test" })
    .register(logging({ console: false, level: "info", sinks: [broken, sink] }));
  app.get("/", (ctx) => {
    ctx.log.info("In the view");
    return ctx.text("still fine");
  });
  const res = await app.request("/");
  assert.equal(res.status, 200);
  assert.equal(await res.text(), "still fine");
  assert.equal(calls, 2);
  assert.deepEqual(sink.records.map((r) => r.message), ["In the view", "GET / 200"]);
  await app.close();
});

Deno.test("with every level off nothing is written and responses are untouched", async () => {
  const sink = memorySink();
  const app = new App({ env: "test" })
    .register(logging({ console: false, level: "off", sinks: [sink] }));
  app.get("/", (ctx) => ctx.text("home"));
  const res = await app.request("/");
  app.log.fatal("Dropped");
  assert.equal(res.headers.has("x-request-id"), false);
  assert.deepEqual(sink.records, []);
  await app.close();
});
