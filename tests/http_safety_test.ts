// Bad input sent over a real socket, byte for byte, so that no client library normalises it
// first: paths, hosts, bodies and redirects must each get a clear 4xx, never a 500.
import assert from "node:assert/strict";
import { App, silentLogger } from "../mod.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function withServer(fn: (send: (raw: string) => Promise<string>) => Promise<void>) {
  const app = new App({
    env: "production",
    allowedHosts: ["example.com", ".example.org"],
    secretKeys: ["test-secret-key-0123456789-abcdefghijkl"],
    bodyLimit: 64,
    logger: silentLogger,
  });
  app.get("/", (ctx) => ctx.text("home"));
  app.get("/files/*path", (ctx) => ctx.text(`file:${ctx.params.path}`));
  app.get("/a/:name", (ctx) => ctx.text(`a:${ctx.params.name}`));
  app.post("/upload", async (ctx) => ctx.text(`got ${(await ctx.body.bytes()).length}`));
  app.post("/ignore", (ctx) => ctx.text("ignored"));
  app.get("/go", (ctx) => ctx.redirect(ctx.query.get("next") ?? "/"));
  const server = await app.listen({ port: 0, hostname: "127.0.0.1", handleSignals: false });
  const send = async (raw: string) => {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port: server.addr.port });
    await conn.write(encoder.encode(raw));
    const chunks: Uint8Array[] = [];
    const buffer = new Uint8Array(65536);
    while (true) {
      const n = await conn.read(buffer).catch(() => null);
      if (n === null) break;
      chunks.push(buffer.slice(0, n));
    }
    conn.close();
    return chunks.map((c) => decoder.decode(c)).join("");
  };
  try {
    await fn(send);
  } finally {
    await app.close();
  }
}

const statusOf = (response: string) => Number(response.split(" ")[1]);
const get = (target: string, host = "example.com") =>
  `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;

Deno.test("malformed and escaping paths are refused with 400", async () => {
  await withServer(async (send) => {
    for (
      const target of [
        "/%ff",
        "/a/%c3%28",
        "/a/%zz",
        "/a/%2e%2e/",
        "/a/../etc/passwd",
        "/files/..%2fsecret",
        "/files/a%2fb",
        "/files/a%5cb",
        "/files/%5c..%5csecret",
        "/files/a%00b",
        "/\\evil.com",
        "//evil.com/",
      ]
    ) {
      assert.equal(statusOf(await send(get(target))), 400, target);
    }
  });
});

Deno.test("valid encodings and very long paths are handled without errors", async () => {
  await withServer(async (send) => {
    assert.match(await send(get("/a/caf%C3%A9")), /a:café$/);
    const deep = "/files/" + Array.from({ length: 10_000 }, () => "x").join("/");
    const response = await send(get(deep));
    assert.ok([200, 414, 431].includes(statusOf(response)), response.slice(0, 40));
    assert.equal(statusOf(await send(get("/" + "y/".repeat(10_000)))), 404);
  });
});

Deno.test("hosts outside allowedHosts are refused with 400, absolute-form targets included", async () => {
  await withServer(async (send) => {
    assert.equal(statusOf(await send(get("/", "example.com"))), 200);
    assert.equal(statusOf(await send(get("/", "EXAMPLE.com:8443"))), 200);
    assert.equal(statusOf(await send(get("/", "www.example.org"))), 200);
    for (
      const host of [
        "evil.com",
        "example.com@evil.tld",
        "example.com.evil.tld",
        "evil.com:80#@example.com",
      ]
    ) {
      assert.equal(statusOf(await send(get("/", host))), 400, host);
    }
    const absolute =
      "GET http://evil.com/ HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n";
    assert.equal(statusOf(await send(absolute)), 400);
  });
});

Deno.test("oversized bodies are 413, declared, chunked, or never read by the view", async () => {
  await withServer(async (send) => {
    const post = (path: string, headers: string, body: string) =>
      `POST ${path} HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n${headers}\r\n${body}`;
    const big = "x".repeat(100);
    assert.equal(statusOf(await send(post("/upload", `Content-Length: 100\r\n`, big))), 413);
    assert.equal(statusOf(await send(post("/ignore", `Content-Length: 100\r\n`, big))), 413);
    const chunks = `40\r\n${"x".repeat(64)}\r\n10\r\n${"y".repeat(16)}\r\n0\r\n\r\n`;
    assert.equal(
      statusOf(await send(post("/upload", "Transfer-Encoding: chunked\r\n", chunks))),
      413,
    );
    const small = `10\r\n${"x".repeat(16)}\r\n0\r\n\r\n`;
    assert.match(await send(post("/upload", "Transfer-Encoding: chunked\r\n", small)), /got 16$/);
  });
});

Deno.test("open-redirect targets are refused", async () => {
  await withServer(async (send) => {
    for (const next of ["//evil.com", "/\\evil.com", "javascript:alert(1)", "https://evil.com/"]) {
      const response = await send(get(`/go?next=${encodeURIComponent(next)}`));
      assert.equal(statusOf(response), 400, next);
    }
    assert.match(await send(get("/go?next=%2Faccount")), /location: \/account/i);
  });
});
