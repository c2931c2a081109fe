import assert from "node:assert/strict";
import { App, type Context } from "../../core/mod.ts";
import { conditionalGet } from "./conditional_get.ts";

function appWith(view: (ctx: Context) => Response, maxBytes?: number): App {
  const app = new App({ env: "test" });
  app.use(conditionalGet({ maxBytes }));
  app.all("/r", view);
  return app;
}

const LAST_MODIFIED = "Wed, 21 Oct 2015 07:28:00 GMT";

Deno.test("conditionalGet adds a weak ETag that changes with the body", async () => {
  let text = "one";
  const app = appWith((ctx) => ctx.text(text));
  const first = (await app.request("/r")).headers.get("etag");
  assert.match(first!, /^W\/"[\w-]{27}"$/);
  assert.equal((await app.request("/r")).headers.get("etag"), first);
  text = "two";
  assert.notEqual((await app.request("/r")).headers.get("etag"), first);
});

Deno.test("conditionalGet answers 304 without a body when If-None-Match matches", async () => {
  const app = appWith((ctx) => {
    ctx.cookies.set("seen", "1");
    return ctx.text("body", { headers: { "cache-control": "max-age=60", "x-other": "dropped" } });
  });
  const etag = (await app.request("/r")).headers.get("etag")!;
  for (const header of [etag, etag.slice(2), `"nope", ${etag}`, "*"]) {
    const res = await app.request("/r", { headers: { "if-none-match": header } });
    assert.equal(res.status, 304, header);
    assert.equal(await res.text(), "");
    assert.equal(res.headers.get("etag"), etag);
    assert.equal(res.headers.get("cache-control"), "max-age=60");
    assert.equal(res.headers.get("x-other"), null);
    assert.match(res.headers.get("set-cookie")!, /^seen=1/);
  }
  const stale = await app.request("/r", { headers: { "if-none-match": '"other"' } });
  assert.equal(stale.status, 200);
  assert.equal(await stale.text(), "body");
});

Deno.test("conditionalGet compares the view's own ETag, even a comma inside quotes", async () => {
  const app = appWith((ctx) => ctx.text("x", { headers: { etag: '"v1,2"' } }));
  const res = await app.request("/r", { headers: { "if-none-match": 'W/"v1,2"' } });
  assert.equal(res.status, 304);
});

Deno.test("conditionalGet honours If-Modified-Since against Last-Modified, after If-None-Match", async () => {
  const app = appWith((ctx) =>
    ctx.text("x", { headers: { "last-modified": LAST_MODIFIED, "cache-control": "no-store" } })
  );
  const at = (date: string) => app.request("/r", { headers: { "if-modified-since": date } });
  assert.equal((await at(LAST_MODIFIED)).status, 304);
  assert.equal((await at("Thu, 22 Oct 2015 00:00:00 GMT")).status, 304);
  assert.equal((await at("Tue, 20 Oct 2015 00:00:00 GMT")).status, 200);
  assert.equal((await at("not a date")).status, 200);
  const both = await app.request("/r", {
    headers: { "if-modified-since": LAST_MODIFIED, "if-none-match": '"x"' },
  });
  assert.equal(both.status, 200);
});

Deno.test("conditionalGet leaves no-store answers, other methods and statuses alone", async () => {
  const app = appWith((ctx) =>
    ctx.request.method === "POST"
      ? ctx.text("posted")
      : ctx.path === "/r" && ctx.query.has("missing")
      ? ctx.text("gone", 404)
      : ctx.text("live", { headers: { "cache-control": "no-store" } })
  );
  assert.equal((await app.request("/r")).headers.get("etag"), null);
  assert.equal((await app.request("/r", { method: "POST" })).headers.get("etag"), null);
  const missing = await app.request("/r?missing", { headers: { "if-none-match": "*" } });
  assert.equal(missing.status, 404);
});

Deno.test("conditionalGet streams on a body larger than maxBytes, whole and without an ETag", async () => {
  const chunks = ["aaaa", "bbbb", "cccc"];
  const app = appWith((ctx) => ctx.stream(chunks, { type: "text/plain" }), 6);
  const res = await app.request("/r", { headers: { "if-none-match": "*" } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("etag"), null);
  assert.equal(await res.text(), "aaaabbbbcccc");
});

Deno.test("conditionalGet answers HEAD like GET", async () => {
  const app = appWith((ctx) => ctx.text("same"));
  const etag = (await app.request("/r")).headers.get("etag")!;
  const head = await app.request("/r", { method: "HEAD", headers: { "if-none-match": etag } });
  assert.equal(head.status, 304);
});

Deno.test("conditionalGet refuses a maxBytes that is not a positive integer", () => {
  assert.throws(() => conditionalGet({ maxBytes: 0 }), RangeError);
});
