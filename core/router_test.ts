import assert from "node:assert/strict";
import { Router } from "./router.ts";
import { testApp } from "./testing/mod.ts";

async function status(app: ReturnType<typeof testApp>, path: string, init?: RequestInit) {
  const res = await app.request(path, init);
  await res.body?.cancel();
  return res.status;
}

Deno.test("router matches static paths, params, regex params and wildcards", async () => {
  const app = testApp();
  app.get("/", (ctx) => ctx.text("root"));
  app.get("/users/new", (ctx) => ctx.text("new"));
  app.get("/users/:id{\\d+}", (ctx) => ctx.text(`id ${ctx.params.id}`));
  app.get("/users/:name", (ctx) => ctx.text(`name ${ctx.params.name}`));
  app.get("/files/*path", (ctx) => ctx.text(`file ${ctx.params.path}`));
  for (
    const [path, body] of [
      ["/", "root"],
      ["/users/new", "new"],
      ["/users/42", "id 42"],
      ["/users/ann", "name ann"],
      ["/users/caf%C3%A9", "name café"],
      ["/files/a/b.txt", "file a/b.txt"],
    ]
  ) {
    assert.equal(await (await app.request(path)).text(), body, path);
  }
});

Deno.test("router backtracks from a static segment to a parameter", async () => {
  const app = testApp();
  app.get("/users/new", (ctx) => ctx.text("form"));
  app.get("/users/:id/edit", (ctx) => ctx.text(`edit ${ctx.params.id}`));
  assert.equal(await (await app.request("/users/new/edit")).text(), "edit new");
});

Deno.test("optional segments match with and without the parameter", async () => {
  const app = testApp();
  app.get("/archive/:year?/:month?", (ctx) => ctx.json(ctx.params));
  assert.deepEqual(await (await app.request("/archive")).json(), {});
  assert.deepEqual(await (await app.request("/archive/2024")).json(), { year: "2024" });
  assert.deepEqual(await (await app.request("/archive/2024/05")).json(), {
    year: "2024",
    month: "05",
  });
});

Deno.test("an unknown path is 404 and a known path with another method is 405 with Allow", async () => {
  const app = testApp();
  app.get("/items/:id", (ctx) => ctx.text("item"));
  app.delete("/items/:id", (ctx) => ctx.text("gone"));
  assert.equal(await status(app, "/nothing"), 404);
  const res = await app.request("/items/1", { method: "POST" });
  assert.equal(res.status, 405);
  assert.equal(res.headers.get("allow"), "GET, DELETE, HEAD, OPTIONS");
  await res.body?.cancel();
});

Deno.test("HEAD is served by GET routes without a body, OPTIONS answers Allow", async () => {
  const app = testApp();
  app.get("/page", (ctx) => ctx.text("body"));
  const head = await app.request("/page", { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get("content-type"), "text/plain; charset=utf-8");
  assert.equal(head.body, null);
  const options = await app.request("/page", { method: "OPTIONS" });
  assert.equal(options.status, 204);
  assert.equal(options.headers.get("allow"), "GET, HEAD, OPTIONS");
});

Deno.test("a method can be matched by a param route when the static route lacks it", async () => {
  const app = testApp();
  app.get("/users/new", (ctx) => ctx.text("form"));
  app.post("/users/:id", (ctx) => ctx.text(`post ${ctx.params.id}`));
  assert.equal(await (await app.request("/users/new", { method: "POST" })).text(), "post new");
});

Deno.test("trailing-slash policy redirects with 308 keeping the query, or stays strict", async () => {
  const app = testApp();
  app.get("/docs/", (ctx) => ctx.text("docs"));
  app.get("/about", (ctx) => ctx.text("about"));
  const res = await app.request("/docs?x=1");
  assert.equal(res.status, 308);
  assert.equal(res.headers.get("location"), "/docs/?x=1");
  assert.equal((await app.request("/about/")).headers.get("location"), "/about");
  const strict = testApp({ trailingSlash: "strict" });
  strict.get("/docs/", (ctx) => ctx.text("docs"));
  assert.equal(await status(strict, "/docs"), 404);
});

Deno.test("mounted routers get prefixes, namespaces and their own middleware", async () => {
  const api = new Router();
  api.use(async (_ctx, next) => {
    const res = await next();
    res.headers.set("x-api", "1");
    return res;
  });
  api.get("/posts/:slug", (ctx) => ctx.text(ctx.params.slug), { name: "post" });
  const v1 = new Router().mount("/api", api, { namespace: "api" });
  const app = testApp();
  app.mount("/v1", v1, { namespace: "v1" });
  app.get("/", (ctx) => ctx.text("home"));
  const res = await app.request("/v1/api/posts/hello");
  assert.equal(await res.text(), "hello");
  assert.equal(res.headers.get("x-api"), "1");
  assert.equal((await app.request("/")).headers.get("x-api"), null);
  assert.equal(app.url("v1:api:post", { slug: "a b" }), "/v1/api/posts/a%20b");
});

Deno.test("prefix middleware applies only to routes under the prefix", async () => {
  const app = testApp();
  const seen: string[] = [];
  app.use("/admin", (ctx, next) => (seen.push(ctx.path), next()));
  app.get("/admin/users", (ctx) => ctx.text("users"));
  app.get("/administrator", (ctx) => ctx.text("other"));
  await app.request("/admin/users");
  await app.request("/administrator");
  assert.deepEqual(seen, ["/admin/users"]);
});

Deno.test("url() encodes params, appends queries and refuses bad input clearly", async () => {
  const app = testApp();
  app.get("/posts/:year{\\d{4}}/:slug", (ctx) => ctx.text(""), { name: "post" });
  app.get("/static/*path", (ctx) => ctx.text(""), { name: "static" });
  await app.boot();
  assert.equal(app.url("post", { year: 2024, slug: "ça va?" }), "/posts/2024/%C3%A7a%20va%3F");
  assert.equal(
    app.url("post", { year: 2024, slug: "a" }, { q: "x y", t: ["1", "2"] }),
    "/posts/2024/a?q=x+y&t=1&t=2",
  );
  assert.equal(app.url("static", { path: "css/a b.css" }), "/static/css/a%20b.css");
  assert.throws(() => app.url("nope"), /Cannot reverse "nope": no route has that name/);
  assert.throws(() => app.url("post", { year: 2024 }), /parameter "slug" is missing/);
  assert.throws(() => app.url("post", { year: "24", slug: "a" }), /does not match/);
  assert.throws(() => app.url("post", { year: 2024, slug: "a/b" }), /cannot contain "\/"/);
});

Deno.test("url() before boot explains what to do", () => {
  const app = testApp();
  app.get("/", (ctx) => ctx.text(""), { name: "home" });
  assert.throws(() => app.url("home"), /await app.boot\(\) first/);
});

Deno.test("bad patterns, duplicate routes and duplicate names fail at boot", async () => {
  assert.throws(() => testApp().get("posts", (ctx) => ctx.text("")), /patterns start with "\/"/);
  assert.throws(() => testApp().get("/a/*/b", (ctx) => ctx.text("")), /wildcard must be the last/);
  const twice = testApp().get("/a", (ctx) => ctx.text("")).get("/a", (ctx) => ctx.text(""));
  await assert.rejects(twice.boot(), /Cannot add route GET \/a: it is already defined/);
  const names = testApp()
    .get("/a", (ctx) => ctx.text(""), { name: "x" })
    .get("/b", (ctx) => ctx.text(""), { name: "x" });
  await assert.rejects(names.boot(), /"x" is taken/);
});

Deno.test("route meta reaches middleware through ctx.route", async () => {
  const app = testApp();
  app.use((ctx, next) => ctx.route?.meta.public ? next() : Promise.resolve(ctx.text("no", 403)));
  app.get("/open", (ctx) => ctx.text("yes"), { meta: { public: true } });
  app.get("/closed", (ctx) => ctx.text("yes"));
  assert.equal(await (await app.request("/open")).text(), "yes");
  assert.equal((await app.request("/closed")).status, 403);
});

Deno.test("routes cannot be added after boot", async () => {
  const app = testApp();
  await app.boot();
  assert.throws(() => app.get("/late", (ctx) => ctx.text("")), /the app has booted/);
  assert.throws(() => app.use((_ctx, next) => next()), /the app has booted/);
});

Deno.test("concurrent requests never share params or state", async () => {
  const app = testApp();
  app.get("/echo/:n", async (ctx) => {
    (ctx.state as Record<string, string>).n = ctx.params.n;
    await new Promise((resolve) => setTimeout(resolve, Number(ctx.params.n) % 3));
    return ctx.text(`${ctx.params.n}:${(ctx.state as Record<string, string>).n}`);
  });
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) => app.request(`/echo/${i}`).then((r) => r.text())),
  );
  assert.deepEqual(results, Array.from({ length: 50 }, (_, i) => `${i}:${i}`));
});

Deno.test("an app's routes can be mounted, but not an app with plugins", async () => {
  const sub = testApp();
  sub.get("/ping", (ctx) => ctx.text("pong"), { name: "ping" });
  const app = testApp().mount("/sub", sub, { namespace: "sub" });
  assert.equal(await (await app.request("/sub/ping")).text(), "pong");
  const withPlugin = testApp().register({ name: "x", setup() {} });
  assert.throws(() => testApp().mount("/x", withPlugin), /register those on the root app/);
});
