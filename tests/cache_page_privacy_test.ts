// The page cache must never hand one client's page to another: responses that set cookies, are
// private or vary on credentials are not stored, requests with a session bypass the cache, keys
// cannot be poisoned through the query or the fragment, and the memory store stays bounded.
import assert from "node:assert/strict";
import { App, type Context } from "@plinth/plinth";
import { cache, MemoryStore, pageCache, type PageCacheOptions } from "@plinth/plinth/cache";

/** An app with `/p/*` behind the page cache; the view numbers its renders. */
function site(
  view: (ctx: Context, render: number) => Response,
  options: PageCacheOptions = {},
  store = new MemoryStore(),
) {
  const app = new App({ env: "test" }).register(cache({ store }));
  let renders = 0;
  app.get("/p/*", pageCache(options), (ctx) => view(ctx, ++renders));
  return { app, renders: () => renders };
}

async function get(app: App, path: string, headers?: HeadersInit) {
  const res = await app.request(path, { headers });
  return { res, text: await res.text() };
}

Deno.test("a page that sets a cookie is never served to another client", async () => {
  const { app, renders } = site((ctx, n) => {
    if (ctx.path === "/p/queued") ctx.cookies.set("cart", `user-${n}`);
    const headers: HeadersInit = ctx.path === "/p/header" ? { "set-cookie": `cart=user-${n}` } : {};
    return ctx.html(`<p>cart of user ${n}</p>`, { headers });
  });
  for (const path of ["/p/queued", "/p/header"]) {
    const alice = await get(app, path);
    const bob = await get(app, path);
    assert.notEqual(bob.text, alice.text, path);
    assert.notEqual(bob.res.headers.get("set-cookie"), alice.res.headers.get("set-cookie"));
    assert.equal(bob.res.headers.get("age"), null);
  }
  assert.equal(renders(), 4);
  await app.close();
});

Deno.test("a private, no-store or no-cache page is never served to another client", async () => {
  for (const cacheControl of ["private", "no-store", "private, max-age=600", "no-cache"]) {
    const { app, renders } = site((ctx, n) =>
      ctx.html(`<p>account ${n}</p>`, { headers: { "cache-control": cacheControl } })
    );
    assert.equal((await get(app, "/p/account")).text, "<p>account 1</p>");
    assert.equal((await get(app, "/p/account")).text, "<p>account 2</p>", cacheControl);
    assert.equal(renders(), 2);
    await app.close();
  }
});

Deno.test("a page that varies on Cookie, Authorization or * is never stored", async () => {
  for (const vary of ["Cookie", "accept-language, AUTHORIZATION", "*"]) {
    const { app, renders } = site((ctx, n) => ctx.html(`<p>hello ${n}</p>`, { headers: { vary } }));
    await get(app, "/p/hello", { cookie: "theme=dark" });
    const other = await get(app, "/p/hello", { cookie: "theme=light" });
    assert.equal(other.text, "<p>hello 2</p>", vary);
    assert.equal(renders(), 2);
    await app.close();
  }
});

Deno.test("requests with a session or Authorization never get or fill cached pages", async () => {
  const { app, renders } = site((ctx, n) =>
    ctx.html(`<p>render ${n} for ${ctx.cookies.get("plinth_session") ?? "anonymous"}</p>`)
  );
  const credentialed: Record<string, string>[] = [
    { cookie: "theme=dark; plinth_session=alice" },
    { cookie: "__Host-plinth_session=alice" },
    { authorization: "Bearer alice-token" },
  ];
  for (const headers of credentialed) {
    const first = await get(app, "/p/home", headers);
    assert.equal(first.res.headers.get("age"), null, JSON.stringify(headers));
  }
  const anonymous = await get(app, "/p/home");
  assert.equal(anonymous.text, "<p>render 4 for anonymous</p>");
  const cached = await get(app, "/p/home", { cookie: "theme=dark" });
  assert.equal(cached.text, anonymous.text);
  const alice = await get(app, "/p/home", { cookie: "plinth_session=alice" });
  assert.equal(alice.text, "<p>render 5 for alice</p>");
  assert.equal(renders(), 5);
  await app.close();
});

Deno.test("a route that shares pages with sessions still never stores a cookie", async () => {
  const { app, renders } = site((ctx, n) => {
    if (ctx.query.has("login")) ctx.cookies.set("plinth_session", `s${n}`);
    return ctx.html(`<p>public page ${n}</p>`);
  }, { shareAuthenticated: true, sessionCookies: ["sid"] });
  await get(app, "/p/public", { cookie: "sid=alice" });
  assert.equal(
    (await get(app, "/p/public", { authorization: "Basic Ym9i" })).text,
    "<p>public page 1</p>",
  );
  await get(app, "/p/public?login");
  assert.equal((await get(app, "/p/public?login")).text, "<p>public page 3</p>");
  assert.equal(renders(), 3);
  await app.close();
});

Deno.test("reordered queries and fragments share a page; lookalike paths and hosts do not", async () => {
  const { app, renders } = site((ctx, n) =>
    ctx.text(`${n}: ${ctx.path} ${[...ctx.query].join(" ")} @${ctx.host}`)
  );
  const first = await get(app, "/p/list?b=2&a=1&q=a+b");
  for (
    const same of [
      "/p/list?a=1&b=2&q=a%20b",
      "/p/list?q=a+b&a=1&b=2#top",
      "/p/list?a=1&b=2&q=a+b#?evil=1",
    ]
  ) {
    assert.equal((await get(app, same)).text, first.text, same);
  }
  const distinct = [
    "/p/list?a=1",
    "/p/list?a=1&b=2&q=a+b&c",
    "/p/list%3Fa=1&b=2&q=a+b",
    "/p/list?a=2&a=1",
    "/p/list?a=1&a=2",
    "http://127.0.0.1/p/list?a=1&b=2&q=a+b",
  ];
  const seen = new Set([first.text]);
  for (const path of distinct) {
    const { text } = await get(app, path);
    assert.ok(!seen.has(text), `${path} was served ${text}`);
    seen.add(text);
  }
  assert.equal(renders(), 1 + distinct.length);
  assert.equal((await get(app, "/p/list?a=2&a=1")).text, "5: /p/list a,2 a,1 @localhost");
  await app.close();
});

Deno.test("100,000 distinct URLs keep the memory store within its bounds", async () => {
  const store = new MemoryStore({ maxEntries: 2000, maxBytes: 512 * 1024 });
  const { app, renders } = site((ctx) => ctx.html(`<p>${ctx.path}</p>`), {}, store);
  for (let i = 0; i < 100_000; i++) {
    const res = await app.request(`/p/item-${i}?page=${i % 7}`);
    await res.body?.cancel();
    if (i % 10_000 === 0) assert.ok(store.size <= 2000 && store.bytes <= 512 * 1024);
  }
  assert.equal(renders(), 100_000);
  assert.ok(store.size <= 2000, `${store.size} entries`);
  assert.ok(store.bytes <= 512 * 1024, `${store.bytes} bytes`);
  assert.ok(store.size > 100, "recent pages stay cached");
  const recent = await get(app, `/p/item-99999?page=${99_999 % 7}`);
  assert.equal(recent.res.headers.get("age"), "0");
  await app.close();
});
