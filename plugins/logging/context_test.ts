import assert from "node:assert/strict";
import { App, type Logger } from "../../core/mod.ts";
import { logging, memorySink } from "./mod.ts";

function recordedApp() {
  const sink = memorySink();
  const app = new App({ env: "test" })
    .register(logging({ console: false, level: "debug", sinks: [sink] }));
  return { app, sink };
}

/** Logs through a logger captured at setup, as a plugin would, after several async hops. */
async function deepWork(log: Logger, step: string): Promise<void> {
  await Promise.resolve();
  await new Promise<void>((resolve) => queueMicrotask(resolve));
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  log.debug("Deep work", { step });
}

Deno.test("lines written during a request carry its id through nested async work", async () => {
  const { app, sink } = recordedApp();
  let model: Logger | undefined;
  app.register({
    name: "model-like",
    setup(app) {
      model = app.log.getChild("model");
    },
  });
  app.get("/work", async (ctx) => {
    ctx.log.info("Started");
    await deepWork(model!, "one");
    await Promise.all([deepWork(model!, "two"), deepWork(model!.with({ job: 7 }), "three")]);
    return ctx.text("done");
  });
  const res = await app.request("/work");
  const id = res.headers.get("x-request-id");
  assert.ok(id);
  const written = sink.records.filter((r) => r.category.join(".") !== "plinth.request");
  assert.equal(written.length, 4);
  for (const record of written) assert.equal(record.properties.requestId, id);
  assert.deepEqual(written.find((r) => r.properties.step === "three")?.category, [
    "plinth",
    "model",
  ]);
  assert.equal(written.find((r) => r.properties.step === "three")?.properties.job, 7);
  await app.close();
});

Deno.test("concurrent interleaved requests keep their own ids", async () => {
  const { app, sink } = recordedApp();
  const gates = new Map<string, PromiseWithResolvers<void>>([
    ["a", Promise.withResolvers<void>()],
    ["b", Promise.withResolvers<void>()],
  ]);
  const started = new Map<string, PromiseWithResolvers<void>>([
    ["a", Promise.withResolvers<void>()],
    ["b", Promise.withResolvers<void>()],
  ]);
  app.get("/:name", async (ctx) => {
    const name = ctx.params.name;
    ctx.log.info("Before", { name });
    started.get(name)!.resolve();
    await gates.get(name)!.promise;
    await deepWork(ctx.log, name);
    ctx.log.info("After", { name });
    return ctx.text(name);
  });
  const a = app.request("/a");
  const b = app.request("/b");
  await Promise.all([started.get("a")!.promise, started.get("b")!.promise]);
  gates.get("b")!.resolve();
  const resB = await b;
  gates.get("a")!.resolve();
  const resA = await a;
  const ids = { a: resA.headers.get("x-request-id"), b: resB.headers.get("x-request-id") };
  assert.notEqual(ids.a, ids.b);
  const order = sink.records.map((r) => `${r.message}:${r.properties.name ?? r.properties.step}`);
  assert.deepEqual(order.slice(0, 5), [
    "Before:a",
    "Before:b",
    "Deep work:b",
    "After:b",
    "GET /:name 200:undefined",
  ]);
  for (const record of sink.records) {
    const name = (record.properties.name ?? record.properties.step ??
      String(record.properties.path).slice(1)) as "a" | "b";
    assert.equal(record.properties.requestId, ids[name], `${record.message} for ${name}`);
  }
  await app.close();
});

Deno.test("lines written outside any request carry no request id", async () => {
  const { app, sink } = recordedApp();
  await app.boot();
  app.log.info("Booted");
  assert.equal("requestId" in sink.records[0].properties, false);
  await app.close();
});

Deno.test("work a request leaves running still logs with its id after the response", async () => {
  const { app, sink } = recordedApp();
  const answered = Promise.withResolvers<void>();
  let background: Promise<void> | undefined;
  app.get("/later", (ctx) => {
    const log = ctx.log.getChild("jobs");
    background = answered.promise.then(() => log.info("Finished afterwards"));
    return ctx.text("answered");
  });
  const res = await app.request("/later");
  answered.resolve();
  await background;
  const late = sink.records.find((r) => r.message === "Finished afterwards");
  assert.equal(late?.properties.requestId, res.headers.get("x-request-id"));
  await app.close();
});
