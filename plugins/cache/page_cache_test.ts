import assert from "node:assert/strict";
import { App, type Context, silentLogger } from "../../core/mod.ts";
import { cache, type CacheStore, MemoryStore, pageCache, type PageCacheOptions } from "./mod.ts";

/** An app whose `/page` view counts renders; `respond` shapes the view's answer. */
function pageApp(
  options: PageCacheOptions = {},
  respond: (ctx: Context, n: number) => Response = (ctx, n) => ctx.html(`render ${n}`),
  store: CacheStore = new MemoryStore(),
) {
  const app = new App({ env: "test" }).register(cache({ store }));
  const counter = { renders: 0 };
  app.all("/page/*", pageCache(options), (ctx) => respond(ctx, ++counter.renders));
  return { app, counter };
}

async function body(app: App, path: string, init?: RequestInit) {
  const res = await app.request(path, init);
  return { res, text: await res.text() };
}

Deno.test("pageCache serves the second GET from the cache with Age and max-age", async () => {
  const clock = { now: 1_000_000 };
  const { app, counter } = pageApp(
    { ttl: 30 },
    undefined,
    new MemoryStore({ now: () => clock.now }),
  );
  const miss = await body(app, "/page/a");
  assert.equal(miss.res.headers.get("age"), null);
  assert.equal(miss.res.headers.get("cache-control"), "max-age=30");
  clock.now += 4_500;
  const hit = await body(app, "/page/a");
  assert.equal(hit.text, "render 1");
  assert.equal(hit.res.headers.get("age"), "4");
  assert.equal(hit.res.headers.get("cache-control"), "max-age=30");
  assert.equal(hit.res.headers.get("content-type"), "text/html; charset=utf-8");
  assert.equal(hit.res.headers.get("x-frame-options"), "DENY");
  clock.now += 26_000;
  assert.equal((await body(app, "/page/a")).text, "render 2");
  assert.equal(counter.renders, 2);
  await app.close();
});

Deno.test("pageCache answers HEAD from a stored GET but never stores HEAD answers", async () => {
  const { app, counter } = pageApp(
    {},
    (ctx, n) =>
      ctx.request.method === "HEAD" ? new Response(null, { status: 200 }) : ctx.html(`render ${n}`),
  );
  await body(app, "/page/h", { method: "HEAD" });
  assert.equal((await body(app, "/page/h")).text, "render 2");
  const head = await app.request("/page/h", { method: "HEAD" });
  assert.equal(head.headers.get("age"), "0");
  assert.equal(counter.renders, 2);
  await app.close();
});

Deno.test("pageCache passes other methods and other statuses through", async () => {
  const { app, counter } = pageApp(
    {},
    (ctx, n) => ctx.text(`render ${n}`, ctx.path.endsWith("missing") ? 404 : 200),
  );
  await body(app, "/page/p", { method: "POST" });
  await body(app, "/page/p", { method: "POST" });
  await body(app, "/page/missing");
  await body(app, "/page/missing");
  assert.equal(counter.renders, 4);
  await app.close();
});

Deno.test("pageCache follows the view's Cache-Control lifetime and refuses zero", async () => {
  const { app, counter } = pageApp({ ttl: 60 }, (ctx, n) => {
    const cacheControl = ctx.path.endsWith("zero") ? "max-age=0" : "public, s-maxage=5";
    return ctx.text(`render ${n}`, { headers: { "cache-control": cacheControl } });
  });
  const first = await body(app, "/page/shared");
  assert.equal(first.res.headers.get("cache-control"), "public, s-maxage=5, max-age=60");
  await body(app, "/page/shared");
  await body(app, "/page/zero");
  await body(app, "/page/zero");
  assert.equal(counter.renders, 3);
  await app.close();
});

Deno.test("pageCache keeps one variant per value of the headers named in Vary", async () => {
  const { app, counter } = pageApp(
    {},
    (ctx, n) =>
      ctx.text(`${ctx.request.headers.get("accept-language")} ${n}`, {
        headers: { vary: "Accept-Language" },
      }),
  );
  const ask = (lang?: string) =>
    body(app, "/page/v", lang ? { headers: { "accept-language": lang } } : undefined);
  assert.equal((await ask("fr")).text, "fr 1");
  assert.equal((await ask("de")).text, "de 2");
  assert.equal((await ask("fr")).text, "fr 1");
  assert.equal((await ask("de")).text, "de 2");
  assert.equal((await ask()).text, "null 3");
  assert.equal((await ask()).text, "null 3");
  assert.equal(counter.renders, 3);
  await app.close();
});

Deno.test("pageCache tags let an edit invalidate the pages that show it", async () => {
  const { app, counter } = pageApp({ tags: (ctx) => ["pages", `page:${ctx.params["*"]}`] });
  await body(app, "/page/one");
  await body(app, "/page/two");
  await app.cache.invalidateTags(["page:one"]);
  assert.equal((await body(app, "/page/one")).text, "render 3");
  assert.equal((await body(app, "/page/two")).text, "render 2");
  await app.cache.invalidateTags(["pages"]);
  assert.equal((await body(app, "/page/two")).text, "render 4");
  assert.equal(counter.renders, 4);
  await app.close();
});

Deno.test("pageCache streams on a body larger than maxBytes without storing it", async () => {
  const { app, counter } = pageApp(
    { maxBytes: 10 },
    (ctx, n) => ctx.text(`render ${n} `.repeat(5)),
  );
  assert.equal((await body(app, "/page/big")).text, "render 1 ".repeat(5));
  assert.equal((await body(app, "/page/big")).text, "render 2 ".repeat(5));
  assert.equal(counter.renders, 2);
  await app.close();
});

Deno.test("pageCache works with stores that only answer asynchronously", async () => {
  const memory = new MemoryStore();
  const remote: CacheStore = {
    get: (key) => memory.get(key),
    set: (key, value, ttl) => memory.set(key, value, ttl),
    delete: (key) => memory.delete(key),
    increment: (key, by, ttl) => memory.increment(key, by, ttl),
    getTags: (keys) => memory.getTags(keys),
    ensureTags: (keys, ttl) => memory.ensureTags(keys, ttl),
    invalidateTags: (keys) => memory.invalidateTags(keys),
    clear: (prefix) => memory.clear(prefix),
    close: () => memory.close(),
  };
  const { app, counter } = pageApp(
    { tags: ["t"] },
    (ctx, n) => ctx.text(`render ${n}`, { headers: { vary: "accept" } }),
    remote,
  );
  await body(app, "/page/r");
  assert.equal((await body(app, "/page/r")).text, "render 1");
  await app.cache.invalidateTags(["t"]);
  assert.equal((await body(app, "/page/r")).text, "render 2");
  assert.equal(counter.renders, 2);
  await app.close();
});

Deno.test("pageCache applies app-wide with app.use()", async () => {
  const app = new App({ env: "test" }).register(cache({ store: new MemoryStore() }));
  app.use(pageCache());
  let renders = 0;
  app.get("/a", (ctx) => ctx.text(`a ${++renders}`));
  app.get("/b", (ctx) => ctx.text(`b ${++renders}`));
  for (const path of ["/a", "/b", "/a", "/b"]) await (await app.request(path)).text();
  assert.equal(renders, 2);
  await app.close();
});

Deno.test("pageCache without the cache plugin fails with what to register", async () => {
  const errors: unknown[] = [];
  const logger = {
    ...silentLogger,
    error: (_m: string, p?: { error?: unknown }) => errors.push(p?.error),
  };
  const app = new App({ env: "test", logger });
  app.get("/", pageCache(), (ctx) => ctx.text("x"));
  assert.equal((await app.request("/")).status, 500);
  assert.match(String(errors[0]), /register the cache plugin with app.register\(cache\(\)\)/);
  await app.close();
});

Deno.test("pageCache refuses a ttl or maxBytes that is not a positive integer", () => {
  assert.throws(() => pageCache({ ttl: 0 }), RangeError);
  assert.throws(() => pageCache({ ttl: 1.5 }), RangeError);
  assert.throws(() => pageCache({ maxBytes: -1 }), RangeError);
});

Deno.test("a hit carries its own request id, never the one of the request that rendered the page", async () => {
  let useId = true;
  const { app } = pageApp({}, (ctx, n) => {
    if (useId) ctx.id; // made before the response, so the view's response carries it
    return ctx.html(`render ${n}`);
  });
  const miss = await body(app, "/page/id");
  const rendered = miss.res.headers.get("x-request-id");
  assert.ok(rendered);
  useId = false;
  const hit = await body(app, "/page/id");
  assert.equal(hit.text, "render 1");
  assert.equal(hit.res.headers.get("x-request-id"), null);
});
