import assert from "node:assert/strict";
import { App } from "./app.ts";
import { serveStatic, type StaticOptions } from "./static.ts";

const TEXT = "0123456789abcdef";

interface Site extends AsyncDisposable {
  readonly app: App;
  readonly root: string;
}

/** A temp dir with a public root, a secret file beside it, and an app serving the root. */
async function site(options?: StaticOptions): Promise<Site> {
  const dir = await Deno.makeTempDir();
  const root = `${dir}/public`;
  await Deno.mkdir(`${root}/docs`, { recursive: true });
  await Deno.writeTextFile(`${root}/hello.txt`, TEXT);
  await Deno.writeTextFile(`${root}/app.mjs`, "export {};");
  await Deno.writeFile(`${root}/data.bin`, new Uint8Array([1, 2, 3]));
  await Deno.writeTextFile(`${root}/index.html`, "<h1>Home</h1>");
  await Deno.writeTextFile(`${root}/docs/index.html`, "<h1>Docs</h1>");
  await Deno.writeTextFile(`${root}/.env`, "SECRET=1");
  await Deno.writeTextFile(`${dir}/secret.txt`, "outside");
  const app = new App({ env: "test" });
  app.get("/static/*path", serveStatic(root, options));
  return {
    app,
    root,
    [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }),
  };
}

Deno.test("serveStatic() serves a file with its type, length and validators", async () => {
  await using s = await site();
  const res = await s.app.request("/static/hello.txt");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
  assert.equal(res.headers.get("content-length"), "16");
  assert.equal(res.headers.get("cache-control"), "no-cache");
  assert.equal(res.headers.get("accept-ranges"), "bytes");
  const { mtime } = await Deno.stat(`${s.root}/hello.txt`);
  assert.equal(res.headers.get("last-modified"), mtime!.toUTCString());
  assert.match(res.headers.get("etag")!, /^W\/"10-[0-9a-f]+"$/);
  assert.equal(await res.text(), TEXT);
});

Deno.test("serveStatic() picks content types by extension, octet-stream when unknown", async () => {
  await using s = await site();
  const js = await s.app.request("/static/app.mjs");
  assert.equal(js.headers.get("content-type"), "text/javascript; charset=utf-8");
  await js.body?.cancel();
  const bin = await s.app.request("/static/data.bin");
  assert.equal(bin.headers.get("content-type"), "application/octet-stream");
  assert.deepEqual(new Uint8Array(await bin.arrayBuffer()), new Uint8Array([1, 2, 3]));
});

Deno.test("serveStatic() answers 304 to a matching If-None-Match, weakly compared", async () => {
  await using s = await site();
  const first = await s.app.request("/static/hello.txt");
  await first.body?.cancel();
  const etag = first.headers.get("etag")!;
  const res = await s.app.request("/static/hello.txt", {
    headers: { "if-none-match": `"other", ${etag.slice(2)}` },
  });
  assert.equal(res.status, 304);
  assert.equal(res.body, null);
  assert.equal(res.headers.get("etag"), etag);
  assert.equal(res.headers.get("last-modified"), first.headers.get("last-modified"));
  assert.equal(res.headers.get("cache-control"), "no-cache");
  const stale = await s.app.request("/static/hello.txt", {
    headers: { "if-none-match": 'W/"0-0"' },
  });
  assert.equal(stale.status, 200);
  assert.equal(await stale.text(), TEXT);
});

Deno.test("serveStatic() answers 304 to If-Modified-Since only without If-None-Match", async () => {
  await using s = await site();
  const since = new Date(Date.now() + 60_000).toUTCString();
  const res = await s.app.request("/static/hello.txt", {
    headers: { "if-modified-since": since },
  });
  assert.equal(res.status, 304);
  const old = await s.app.request("/static/hello.txt", {
    headers: { "if-modified-since": new Date(0).toUTCString() },
  });
  assert.equal(old.status, 200);
  await old.body?.cancel();
  const both = await s.app.request("/static/hello.txt", {
    headers: { "if-modified-since": since, "if-none-match": '"stale"' },
  });
  assert.equal(both.status, 200);
  await both.body?.cancel();
});

Deno.test("serveStatic() answers a byte range with 206 and exactly those bytes", async () => {
  await using s = await site();
  const res = await s.app.request("/static/hello.txt", { headers: { range: "bytes=2-5" } });
  assert.equal(res.status, 206);
  assert.equal(res.headers.get("content-range"), "bytes 2-5/16");
  assert.equal(res.headers.get("content-length"), "4");
  assert.equal(await res.text(), "2345");
  const open = await s.app.request("/static/hello.txt", { headers: { range: "bytes=10-" } });
  assert.equal(open.headers.get("content-range"), "bytes 10-15/16");
  assert.equal(await open.text(), "abcdef");
});

Deno.test("serveStatic() streams large files and ranges spanning several reads", async () => {
  await using s = await site();
  const bytes = new Uint8Array(300_000).map((_, i) => i % 251);
  await Deno.writeFile(`${s.root}/big.bin`, bytes);
  const whole = await s.app.request("/static/big.bin");
  assert.deepEqual(new Uint8Array(await whole.arrayBuffer()), bytes);
  const part = await s.app.request("/static/big.bin", {
    headers: { range: "bytes=70000-209999" },
  });
  assert.equal(part.headers.get("content-length"), "140000");
  assert.deepEqual(new Uint8Array(await part.arrayBuffer()), bytes.subarray(70_000, 210_000));
});

Deno.test("serveStatic() answers a suffix range with the last bytes", async () => {
  await using s = await site();
  const res = await s.app.request("/static/hello.txt", { headers: { range: "bytes=-3" } });
  assert.equal(res.status, 206);
  assert.equal(res.headers.get("content-range"), "bytes 13-15/16");
  assert.equal(await res.text(), "def");
});

Deno.test("serveStatic() answers 416 with the size to a range beyond the file", async () => {
  await using s = await site();
  const res = await s.app.request("/static/hello.txt", { headers: { range: "bytes=16-20" } });
  assert.equal(res.status, 416);
  assert.equal(res.headers.get("content-range"), "bytes */16");
  await res.body?.cancel();
});

Deno.test("serveStatic() sends the whole file for several ranges or a stale If-Range", async () => {
  await using s = await site();
  const many = await s.app.request("/static/hello.txt", { headers: { range: "bytes=0-1,4-5" } });
  assert.equal(many.status, 200);
  assert.equal(await many.text(), TEXT);
  const stale = await s.app.request("/static/hello.txt", {
    headers: { range: "bytes=0-1", "if-range": new Date(0).toUTCString() },
  });
  assert.equal(stale.status, 200);
  assert.equal(await stale.text(), TEXT);
  const { mtime } = await Deno.stat(`${s.root}/hello.txt`);
  const current = await s.app.request("/static/hello.txt", {
    headers: { range: "bytes=0-1", "if-range": mtime!.toUTCString() },
  });
  assert.equal(current.status, 206);
  assert.equal(await current.text(), "01");
});

Deno.test("serveStatic() serves index.html for directories asked with a slash", async () => {
  await using s = await site();
  const root = await s.app.request("/static/");
  assert.equal(root.headers.get("content-type"), "text/html; charset=utf-8");
  assert.equal(await root.text(), "<h1>Home</h1>");
  const docs = await s.app.request("/static/docs/");
  assert.equal(await docs.text(), "<h1>Docs</h1>");
});

Deno.test("serveStatic() redirects a directory without a trailing slash, keeping the query", async () => {
  await using s = await site();
  const res = await s.app.request("/static/docs?v=1");
  assert.equal(res.status, 308);
  assert.equal(res.headers.get("location"), "/static/docs/?v=1");
});

Deno.test("serveStatic() answers 404 for directories when index is false", async () => {
  await using s = await site({ index: false });
  const res = await s.app.request("/static/docs/");
  assert.equal(res.status, 404);
  await res.body?.cancel();
});

Deno.test("serveStatic() answers 404 for dotfiles", async () => {
  await using s = await site();
  const res = await s.app.request("/static/.env");
  assert.equal(res.status, 404);
  assert.doesNotMatch(await res.text(), /SECRET/);
});

Deno.test("serveStatic() answers 404 for symlinks leading outside the root or to dotfiles", async () => {
  await using s = await site();
  await Deno.symlink(`${s.root}/../secret.txt`, `${s.root}/escape.txt`);
  await Deno.symlink(`${s.root}/..`, `${s.root}/up`);
  await Deno.symlink(`${s.root}/.env`, `${s.root}/env.txt`);
  for (const path of ["/static/escape.txt", "/static/up/secret.txt", "/static/env.txt"]) {
    const res = await s.app.request(path);
    assert.equal(res.status, 404, path);
    await res.body?.cancel();
  }
});

Deno.test("serveStatic() answers 404 for missing files and files asked as directories", async () => {
  await using s = await site();
  for (const path of ["/static/nope.txt", "/static/hello.txt/", "/static/hello.txt/x"]) {
    const res = await s.app.request(path);
    assert.equal(res.status, 404, path);
    await res.body?.cancel();
  }
});

Deno.test("serveStatic() answers HEAD with the headers of GET and no body", async () => {
  await using s = await site();
  const res = await s.app.request("/static/hello.txt", { method: "HEAD" });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-length"), "16");
  assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
  assert.ok(res.headers.get("etag"));
  assert.equal(res.body, null);
});

Deno.test("serveStatic() sets Cache-Control from maxAge and immutable", async () => {
  await using s = await site({ maxAge: 31536000, immutable: true });
  const res = await s.app.request("/static/hello.txt");
  assert.equal(res.headers.get("cache-control"), "public, max-age=31536000, immutable");
  await res.body?.cancel();
});

Deno.test("serveStatic() refuses a missing root and bad options when created", async () => {
  const dir = await Deno.makeTempDir();
  try {
    assert.throws(
      () => serveStatic(`${dir}/nope`),
      /Cannot serve static files from ".*nope": no such/,
    );
    assert.throws(() => serveStatic(dir, { immutable: true }), /immutable without maxAge/);
    assert.throws(() => serveStatic(dir, { maxAge: -1 }), RangeError);
    assert.throws(() => serveStatic(dir, { index: "../x.html" }), /Cannot use index/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
