import assert from "node:assert/strict";
import { App, HttpError } from "../../core/mod.ts";
import { logging, type LoggingOptions, type LogRecord, memorySink } from "./mod.ts";

function recordedApp(options: LoggingOptions = {}) {
  const sink = memorySink();
  const app = new App({ env: "test", bodyLimit: 10 })
    .register(logging({ console: false, level: "info", sinks: [sink], ...options }));
  const lines = () => sink.records.filter((r) => r.category.join(".") === "plinth.request");
  return { app, sink, lines };
}

function only(lines: LogRecord[]): LogRecord {
  assert.equal(lines.length, 1, `expected one request line, got ${lines.length}`);
  return lines[0];
}

Deno.test("the request log writes one line per request with method, route, path, status, duration and id", async () => {
  const { app, lines } = recordedApp();
  app.get("/posts/:slug", (ctx) => ctx.text("post"));
  const res = await app.request("/posts/hello");
  const line = only(lines());
  assert.equal(line.level, "info");
  assert.equal(line.message, "GET /posts/:slug 200");
  assert.equal(line.properties.method, "GET");
  assert.equal(line.properties.route, "/posts/:slug");
  assert.equal(line.properties.path, "/posts/hello");
  assert.equal(line.properties.status, 200);
  assert.equal(typeof line.properties.durationMs, "number");
  assert.equal(line.properties.requestId, res.headers.get("x-request-id"));
  assert.equal("userId" in line.properties, false);
  await app.close();
});

Deno.test("the request log names the route pattern of mounted routers", async () => {
  const { app, lines } = recordedApp();
  const { Router } = await import("../../core/mod.ts");
  const blog = new Router();
  blog.get("/posts/:id{\\d+}", (ctx) => ctx.text(ctx.params.id));
  app.mount("/blog", blog, { namespace: "blog" });
  await app.request("/blog/posts/7");
  assert.equal(only(lines()).properties.route, "/blog/posts/:id{\\d+}");
  await app.close();
});

Deno.test("the request log writes unrouted requests with route '-' and the path", async () => {
  const { app, lines } = recordedApp();
  await app.request("/nowhere");
  const line = only(lines());
  assert.equal(line.properties.status, 404);
  assert.equal(line.properties.route, "-");
  assert.equal(line.properties.path, "/nowhere");
  assert.equal(line.message, "GET - 404");
  await app.close();
});

Deno.test("the request log writes requests refused before routing: bad host and bad path", async () => {
  const { app, lines } = recordedApp();
  app.get("/", (ctx) => ctx.text("home"));
  const badHost = await app.request(new Request("http://evil.example/"));
  const badPath = await app.request("/a//b");
  assert.equal(badHost.status, 400);
  assert.equal(badPath.status, 400);
  const [host, path] = lines();
  assert.equal(host.properties.status, 400);
  assert.equal(host.properties.route, "-");
  assert.equal(host.properties.path, "/");
  assert.equal(path.properties.status, 400);
  assert.equal(path.properties.path, "/a//b");
  await app.close();
});

Deno.test("the request log writes a 413 with the route that refused the body", async () => {
  const { app, lines } = recordedApp();
  app.post("/upload", (ctx) => ctx.text("ok"));
  const res = await app.request("/upload", {
    method: "POST",
    body: "x".repeat(100),
    headers: { "content-length": "100" },
  });
  assert.equal(res.status, 413);
  const line = only(lines());
  assert.equal(line.properties.status, 413);
  assert.equal(line.properties.route, "/upload");
  await app.close();
});

Deno.test("a 5xx is written at error level; the stack is on the core's line only", async () => {
  const { app, sink, lines } = recordedApp();
  app.get("/boom", () => {
    throw new TypeError("database exploded");
  });
  const res = await app.request("/boom");
  assert.equal(res.status, 500);
  const line = only(lines());
  assert.equal(line.level, "error");
  assert.equal(line.properties.error, "TypeError: database exploded");
  const failed = sink.records.filter((r) => r.message === "Request failed");
  assert.equal(failed.length, 1);
  assert.ok(failed[0].properties.error instanceof TypeError);
  assert.equal(failed[0].properties.requestId, line.properties.requestId);
  const stacks = sink.records.filter((r) =>
    Object.values(r.properties).some((v) => v instanceof Error)
  );
  assert.equal(stacks.length, 1);
  await app.close();
});

Deno.test("a 5xx answered without an exception is written at error level without an error", async () => {
  const { app, lines } = recordedApp();
  app.get("/down", (ctx) => ctx.text("maintenance", 503));
  await app.request("/down");
  const line = only(lines());
  assert.equal(line.level, "error");
  assert.equal("error" in line.properties, false);
  await app.close();
});

Deno.test("a 4xx raised as HttpError is written at info level without an error", async () => {
  const { app, lines } = recordedApp();
  app.get("/secret", () => {
    throw new HttpError(403, "Not yours");
  });
  await app.request("/secret");
  const line = only(lines());
  assert.equal(line.level, "info");
  assert.equal(line.properties.status, 403);
  assert.equal("error" in line.properties, false);
  await app.close();
});

Deno.test("requests at or above slowMs are flagged slow at warning level", async () => {
  const { app, lines } = recordedApp({ slowMs: 0 });
  app.get("/", (ctx) => ctx.text("home"));
  await app.request("/");
  const line = only(lines());
  assert.equal(line.level, "warning");
  assert.equal(line.properties.slow, true);
  await app.close();
});

Deno.test("the user id appears when something has set ctx.state.user", async () => {
  const { app, lines } = recordedApp();
  app.use(async (ctx, next) => {
    (ctx.state as { user?: { id: number } }).user = { id: 42 };
    return await next();
  });
  app.get("/me", (ctx) => ctx.text("me"));
  await app.request("/me");
  assert.equal(only(lines()).properties.userId, 42);
  await app.close();
});

Deno.test("bytes are the helpers' body sizes or Content-Length, 0 for HEAD and 204, else left out", async () => {
  const { app, lines } = recordedApp();
  app.get("/sized", () => new Response("12345", { headers: { "content-length": "5" } }));
  app.get("/empty", () => new Response(null, { status: 204 }));
  app.get("/text", (ctx) => ctx.text("héllo ✓ 😀"));
  app.get("/json", (ctx) => ctx.json({ a: 1 }));
  app.get("/stream", (ctx) => ctx.stream(["a", "b"]));
  for (const path of ["/sized", "/empty", "/text", "/json", "/stream"]) {
    await (await app.request(path)).arrayBuffer();
  }
  await app.request("/sized", { method: "HEAD" });
  const bytes = lines().map((line) => line.properties.bytes);
  // UTF-8: é is 2 bytes, ✓ 3 and 😀 4.
  assert.deepEqual(bytes, [5, 0, 15, 7, undefined, 0]);
  await app.close();
});

Deno.test("a request log category at warning drops ordinary lines but keeps 5xx", async () => {
  const { app, lines } = recordedApp({ categories: { "plinth.request": "warning" } });
  app.get("/", (ctx) => ctx.text("home"));
  app.get("/boom", () => {
    throw new Error("boom");
  });
  const ok = await app.request("/");
  await app.request("/boom");
  assert.deepEqual(lines().map((line) => line.properties.status), [500]);
  assert.equal(ok.headers.has("x-request-id"), false);
  await app.close();
});

Deno.test("with the request category off, no line is written but lines keep the request id", async () => {
  const { app, sink, lines } = recordedApp({ categories: { "plinth.request": "off" } });
  app.get("/", (ctx) => {
    ctx.log.info("In the view");
    return ctx.text("home");
  });
  const res = await app.request("/");
  assert.deepEqual(lines(), []);
  assert.equal(sink.records.length, 1);
  assert.equal(sink.records[0].properties.requestId, res.headers.get("x-request-id"));
  await app.close();
});
