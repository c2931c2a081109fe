import assert from "node:assert/strict";
import { App } from "../../core/mod.ts";
import { safeNext } from "./safe_next.ts";

const app = new App({ env: "test", allowedHosts: ["example.com", "localhost"] });
app.get("/next", (ctx) => ctx.text(safeNext(ctx, ctx.query.get("next"), "/home")));

async function resolve(target: string, base = "http://localhost"): Promise<string> {
  const res = await app.request(new Request(`${base}/next?next=${encodeURIComponent(target)}`));
  return await res.text();
}

Deno.test("safeNext replaces every open-redirect shape with the fallback", async () => {
  for (
    const target of [
      "//evil.com",
      "/\\evil.com",
      "\\\\evil.com",
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      " javascript:alert(1)",
      "%2f%2fevil.com",
      "/%2f%2fevil.com",
      "/%5cevil.com",
      "https://evil.com/",
      "http://localhost.evil.com/",
      "https://localhost/x",
      "data:text/html,hi",
      "/\tevil",
      "",
    ]
  ) {
    assert.equal(await resolve(target), "/home", target);
  }
});

Deno.test("safeNext keeps same-origin paths and URLs", async () => {
  assert.equal(await resolve("/account?tab=2#top"), "/account?tab=2#top");
  assert.equal(await resolve("http://localhost/account"), "http://localhost/account");
  assert.equal(
    await resolve("https://example.com/a", "https://example.com"),
    "https://example.com/a",
  );
});
