import assert from "node:assert/strict";
import { testApp } from "./testing/mod.ts";

function chunked(parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return ReadableStream.from(parts.map((p) => encoder.encode(p)));
}

Deno.test("body readers parse JSON, forms, text and bytes", async () => {
  const app = testApp();
  app.post("/json", async (ctx) => ctx.json(await ctx.body.json()));
  app.post("/form", async (ctx) => ctx.text(String((await ctx.body.form()).get("name"))));
  app.post(
    "/text",
    async (ctx) => ctx.text(await ctx.body.text() + (await ctx.body.bytes()).length),
  );
  const json = await app.request("/json", {
    method: "POST",
    headers: { "content-type": "application/vnd.api+json; charset=utf-8" },
    body: '{"a":[1]}',
  });
  assert.deepEqual(await json.json(), { a: [1] });
  const form = await app.request("/form", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "name=Ann+Lee",
  });
  assert.equal(await form.text(), "Ann Lee");
  const text = await app.request("/text", { method: "POST", body: "héllo" });
  assert.equal(await text.text(), "héllo6");
});

Deno.test("malformed JSON is 400, a wrong content type 415, invalid UTF-8 400", async () => {
  const app = testApp();
  app.post("/json", async (ctx) => ctx.json(await ctx.body.json()));
  app.post("/form", async (ctx) => ctx.json(await ctx.body.form()));
  const post = (path: string, body: BodyInit, type: string) =>
    app.request(path, {
      method: "POST",
      body,
      headers: { "content-type": type, accept: "application/json" },
    });
  const malformed = await post("/json", '{"a":', "application/json");
  assert.equal(malformed.status, 400);
  assert.deepEqual(await malformed.json(), {
    error: { status: 400, message: "Malformed JSON in request body" },
  });
  assert.equal((await post("/json", "{}", "text/plain")).status, 415);
  assert.equal((await post("/form", "a=1", "application/json")).status, 415);
  assert.equal(
    (await post("/json", new Uint8Array([0x22, 0xff, 0x22]), "application/json")).status,
    400,
  );
});

Deno.test("bodies over the limit are 413, declared or chunked, even if the view never reads", async () => {
  const app = testApp({ bodyLimit: 8 });
  app.post("/read", async (ctx) => ctx.text(await ctx.body.text()));
  app.post("/ignore", (ctx) => ctx.text("ignored"));
  app.post("/big", async (ctx) => ctx.text(await ctx.body.text()), { bodyLimit: 100 });
  const post = (path: string, body: BodyInit) => app.request(path, { method: "POST", body });
  assert.equal((await post("/read", "0123456789")).status, 413);
  const declared = await app.request("/ignore", {
    method: "POST",
    body: "0123456789",
    headers: { "content-length": "10" },
  });
  assert.equal(declared.status, 413);
  assert.equal((await post("/read", chunked(["0123", "4567", "89"]))).status, 413);
  assert.equal(await (await post("/read", chunked(["0123", "4567"]))).text(), "01234567");
  assert.equal(await (await post("/big", "0123456789")).text(), "0123456789");
});

Deno.test("cookies parse safely, including prototype names and duplicates", async () => {
  const app = testApp();
  app.get("/", (ctx) =>
    ctx.json({
      proto: ctx.cookies.get("__proto__") ?? null,
      ctor: ctx.cookies.get("constructor") ?? null,
      missing: ctx.cookies.get("toString") ?? null,
      a: ctx.cookies.get("a") ?? null,
      bad: ctx.cookies.get("bad") ?? null,
    }));
  const res = await app.request("/", {
    headers: { cookie: "__proto__=x; constructor=y; a=1; a=2; bad=%E0%A4%A; junk" },
  });
  assert.deepEqual(await res.json(), {
    proto: "x",
    ctor: "y",
    missing: null,
    a: "1",
    bad: "%E0%A4%A",
  });
});

Deno.test("query keys named like prototype members are plain keys", async () => {
  const app = testApp();
  app.get(
    "/",
    (ctx) => ctx.json({ p: ctx.query.get("__proto__"), c: ctx.query.get("constructor") }),
  );
  const res = await app.request("/?__proto__=1&constructor=2");
  assert.deepEqual(await res.json(), { p: "1", c: "2" });
});

Deno.test("signed cookies round-trip and tampered ones read as undefined", async () => {
  const app = testApp({
    secretKeys: ["new-secret-0123456789abcdefghijklmnop", "old-secret-0123456789abcdefghijklmnop"],
  });
  app.get("/set", async (ctx) => {
    await ctx.cookies.setSigned("uid", "42");
    return ctx.text("ok");
  });
  app.get("/get", async (ctx) => ctx.text(String(await ctx.cookies.getSigned("uid"))));
  const line = (await app.request("/set")).headers.get("set-cookie")!;
  const value = decodeURIComponent(line.split(";")[0].split("=")[1]);
  const read = (cookie: string) =>
    app.request("/get", { headers: { cookie } }).then((r) => r.text());
  assert.equal(await read(`uid=${value}`), "42");
  assert.equal(await read(`uid=${value.replace("42", "43")}`), "undefined");
  assert.equal(await read("uid=42"), "undefined");
  assert.equal(await read("uid=42.%%%"), "undefined");
  const rotated = testApp({
    secretKeys: [
      "newest-secret-0123456789abcdefghijklmnop",
      "new-secret-0123456789abcdefghijklmnop",
    ],
  });
  rotated.get("/get", async (ctx) => ctx.text(String(await ctx.cookies.getSigned("uid"))));
  const res = await rotated.request("/get", { headers: { cookie: `uid=${value}` } });
  assert.equal(await res.text(), "42");
});

Deno.test("cookie attributes default to HttpOnly, SameSite=Lax and Path=/", async () => {
  const app = testApp();
  app.get("/", (ctx) => {
    ctx.cookies.set("a", "x y", { maxAge: 60 });
    ctx.cookies.delete("b");
    return ctx.text("ok");
  });
  const lines = (await app.request("/")).headers.getSetCookie();
  assert.deepEqual(lines, [
    "a=x%20y; Path=/; Max-Age=60; HttpOnly; SameSite=Lax",
    "b=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax",
  ]);
});

Deno.test("redirect accepts same-site paths and refuses open-redirect targets with 400", async () => {
  const app = testApp();
  app.get("/go", (ctx) => ctx.redirect(ctx.query.get("next") ?? "/"));
  app.get("/out", (ctx) => ctx.redirect("https://example.org/", { allowExternal: true }));
  assert.equal((await app.request("/go?next=/account")).headers.get("location"), "/account");
  assert.equal((await app.request("/go?next=http://localhost/x")).status, 302);
  for (
    const target of [
      "//evil.com",
      "/\\evil.com",
      "javascript:alert(1)",
      "https://evil.com",
      "/a\r\nx: y",
    ]
  ) {
    const res = await app.request(`/go?next=${encodeURIComponent(target)}`);
    assert.equal(res.status, 400, target);
  }
  assert.equal((await app.request("/out")).headers.get("location"), "https://example.org/");
});

Deno.test("stream and server-sent events send their chunks in order", async () => {
  const app = testApp();
  app.get(
    "/stream",
    (ctx) => ctx.stream(["a", "b", new TextEncoder().encode("c")], { type: "text/plain" }),
  );
  app.get("/events", (ctx) =>
    ctx.sse(async (sink) => {
      await sink.send({ event: "tick", id: "1", data: { n: 1 } });
      await sink.send({ data: "two\nlines" });
    }));
  const stream = await app.request("/stream");
  assert.equal(stream.headers.get("content-type"), "text/plain");
  assert.equal(await stream.text(), "abc");
  const events = await app.request("/events");
  assert.equal(events.headers.get("content-type"), "text/event-stream; charset=utf-8");
  assert.equal(
    await events.text(),
    'event: tick\nid: 1\ndata: {"n":1}\n\ndata: two\ndata: lines\n\n',
  );
});

Deno.test("the request id is generated once, echoed when used, trusted only from proxies", async () => {
  const app = testApp({ trustedProxies: ["127.0.0.1"] });
  app.get("/", (ctx) => ctx.text(ctx.id));
  app.get("/unused", (ctx) => ctx.text("x"));
  const res = await app.request("/");
  assert.equal(res.headers.get("x-request-id"), await res.text());
  assert.equal((await app.request("/unused")).headers.get("x-request-id"), null);
  const forwarded = await app.request("/", { headers: { "x-request-id": "abc-123" } });
  assert.equal(await forwarded.text(), "abc-123");
  const untrusted = testApp();
  untrusted.get("/", (ctx) => ctx.text(ctx.id));
  const own = await untrusted.request("/", { headers: { "x-request-id": "abc-123" } });
  assert.notEqual(await own.text(), "abc-123");
});

Deno.test("forwarded headers count only from a trusted proxy", async () => {
  const view = (app: ReturnType<typeof testApp>) =>
    app.get("/", (ctx) => ctx.json({ ip: ctx.ip, secure: ctx.secure, host: ctx.host }));
  const headers = {
    "x-forwarded-for": "203.0.113.9, 10.0.0.2",
    "x-forwarded-proto": "https",
    "x-forwarded-host": "localhost",
  };
  const trusted = testApp({ trustedProxies: ["127.0.0.1", "10.0.0.2"] });
  view(trusted);
  const res = await trusted.request("http://app.internal/", { headers });
  assert.deepEqual(await res.json(), { ip: "203.0.113.9", secure: true, host: "localhost" });
  assert.match(res.headers.get("strict-transport-security") ?? "", /max-age=31536000/);
  const direct = testApp();
  view(direct);
  const plain = await direct.request("/", { headers });
  assert.deepEqual(await plain.json(), { ip: "127.0.0.1", secure: false, host: "localhost" });
  assert.equal(plain.headers.get("strict-transport-security"), null);
});

Deno.test("security headers are added unless the response sets its own", async () => {
  const app = testApp();
  app.get("/", (ctx) => ctx.text("x"));
  app.get("/frame", (ctx) => ctx.text("x", { headers: { "x-frame-options": "SAMEORIGIN" } }));
  app.get("/created", (ctx) => ctx.json({}, 201));
  app.get("/plain", () => new Response("x"));
  const res = await app.request("/");
  assert.equal(res.headers.get("x-content-type-options"), "nosniff");
  assert.equal(res.headers.get("x-frame-options"), "DENY");
  assert.equal(res.headers.get("referrer-policy"), "same-origin");
  assert.equal(res.headers.get("cross-origin-opener-policy"), "same-origin");
  assert.equal(res.headers.get("x-powered-by"), null);
  assert.equal((await app.request("/frame")).headers.get("x-frame-options"), "SAMEORIGIN");
  // Helpers build them in, whatever the status; other responses get them on the way out.
  for (const path of ["/created", "/plain"]) {
    const other = await app.request(path);
    assert.equal(other.headers.get("x-frame-options"), "DENY", path);
    assert.equal(other.headers.get("referrer-policy"), "same-origin", path);
  }
  const off = testApp({ securityHeaders: false });
  off.get("/", (ctx) => ctx.text("x"));
  assert.equal((await off.request("/")).headers.get("x-frame-options"), null);
});

Deno.test("cookies are written even when the view returns a response with immutable headers", async () => {
  const app = testApp();
  app.get("/", (ctx) => {
    ctx.cookies.set("a", "1");
    return Response.redirect("http://localhost/next", 302);
  });
  const res = await app.request("/");
  assert.equal(res.status, 302);
  assert.match(res.headers.get("set-cookie") ?? "", /^a=1/);
  assert.equal(res.headers.get("x-content-type-options"), "nosniff");
});

Deno.test("bodySize() counts the UTF-8 bytes of helper bodies, short and long", async () => {
  const app = testApp();
  const sizes: (number | undefined)[] = [];
  const long = "é✓😀a".repeat(100); // 2 + 3 + 4 + 1 bytes, 5 code units
  app.get("/:kind", (ctx) => {
    const res = ctx.params.kind === "short"
      ? ctx.text("é✓😀a\ud800")
      : ctx.params.kind === "long"
      ? ctx.html(long)
      : new Response("abc");
    sizes.push(ctx.bodySize(res));
    return res;
  });
  for (const kind of ["short", "long", "other"]) {
    const res = await app.request(`/${kind}`);
    const bytes = (await res.bytes()).byteLength;
    if (kind !== "other") assert.equal(bytes, sizes.at(-1), kind);
  }
  // A lone surrogate is sent as U+FFFD, three bytes; a response built otherwise is unknown.
  assert.deepEqual(sizes, [13, 1000, undefined]);
});

Deno.test("ctx.vary() adds to Vary, built in by helpers and added to other responses", async () => {
  const app = testApp();
  app.get("/built", (ctx) => {
    ctx.vary("Cookie", "cookie");
    return ctx.text("x", { headers: { vary: "Accept-Encoding" } });
  });
  app.get("/after", (ctx) => {
    const res = ctx.text("x");
    ctx.vary("Cookie");
    return res;
  });
  app.get("/raw", (ctx) => {
    ctx.vary("Cookie", "Accept");
    return new Response("x", { headers: { vary: "accept" } });
  });
  app.get("/star", (ctx) => {
    ctx.vary("Cookie");
    return ctx.text("x", { headers: { vary: "*" } });
  });
  const vary = async (path: string) => (await app.request(path)).headers.get("vary");
  assert.equal(await vary("/built"), "Accept-Encoding, Cookie");
  assert.equal(await vary("/after"), "Cookie");
  assert.equal(await vary("/raw"), "accept, Cookie");
  assert.equal(await vary("/star"), "*");
});

Deno.test("ctx.copy() completes a template once; copies still get HSTS, Vary and the id as needed", async () => {
  const app = testApp({ trustedProxies: ["127.0.0.1"] });
  const kept = new Response("kept", { headers: { "x-frame-options": "SAMEORIGIN" } });
  app.get("/", (ctx) => {
    if (ctx.query.has("vary")) ctx.vary("Accept-Language");
    if (ctx.query.has("id")) ctx.id;
    return ctx.copy(kept);
  });
  const plain = await app.request("/");
  assert.equal(await plain.text(), "kept");
  assert.equal(plain.headers.get("x-frame-options"), "SAMEORIGIN");
  assert.equal(plain.headers.get("referrer-policy"), "same-origin");
  assert.equal(plain.headers.get("strict-transport-security"), null);
  const secure = await app.request("/", { headers: { "x-forwarded-proto": "https" } });
  assert.match(secure.headers.get("strict-transport-security") ?? "", /max-age=/);
  const varied = await app.request("/?vary");
  assert.equal(varied.headers.get("vary"), "Accept-Language");
  const withId = await app.request("/?id");
  assert.ok(withId.headers.get("x-request-id"));
  // The template itself gained the defaults, not the per-request headers.
  assert.equal(kept.headers.get("referrer-policy"), "same-origin");
  assert.equal(kept.headers.get("vary"), null);
  assert.equal(kept.headers.get("strict-transport-security"), null);
});
