import assert from "node:assert/strict";
import { App } from "../../core/mod.ts";
import { logging } from "./mod.ts";

function timedApp(serverTiming: boolean): App {
  const app = new App({ env: "test" })
    .register(logging({ console: false, level: "off", serverTiming }));
  app.get("/posts", (ctx) => {
    ctx.addTiming("db", 1.25);
    ctx.addTiming("db", 2);
    ctx.addTiming("bad name", 1);
    return ctx.text("posts");
  });
  app.get("/redirect", () => Response.redirect("http://localhost/posts"));
  return app;
}

Deno.test("Server-Timing is off unless asked for", async () => {
  const app = timedApp(false);
  const res = await app.request("/posts");
  assert.equal(res.headers.has("server-timing"), false);
  await app.close();
});

Deno.test("Server-Timing reports the app's time and the recorded db time", async () => {
  const app = timedApp(true);
  const res = await app.request("/posts");
  const value = res.headers.get("server-timing") ?? "";
  assert.match(value, /^app;dur=\d+\.\d, db;dur=3\.3$/);
  await app.close();
});

Deno.test("Server-Timing is added to responses with immutable headers and to 404s", async () => {
  const app = timedApp(true);
  const redirect = await app.request("/redirect");
  assert.equal(redirect.status, 302);
  assert.match(redirect.headers.get("server-timing") ?? "", /^app;dur=/);
  const missing = await app.request("/missing");
  assert.equal(missing.status, 404);
  assert.match(missing.headers.get("server-timing") ?? "", /^app;dur=/);
  await app.close();
});
