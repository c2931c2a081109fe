import assert from "node:assert/strict";
import type { DocumentRenderer } from "./document.ts";
import { escapeHtml } from "./escape_html.ts";
import { testApp } from "./testing/mod.ts";

Deno.test("renderDocument() answers with a minimal HTML5 document by default", async () => {
  const app = testApp();
  app.get("/", (ctx) =>
    ctx.app.renderDocument(ctx, {
      title: `Log in <"admin">`,
      html: `<h1>${escapeHtml("<Log in>")}</h1><form method="post"></form>`,
    }));
  const res = await app.request("/");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
  assert.equal(
    await res.text(),
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
      '<meta name="viewport" content="width=device-width, initial-scale=1">' +
      "<title>Log in &#60;&#34;admin&#34;&#62;</title></head>" +
      '<body><h1>&#60;Log in&#62;</h1><form method="post"></form></body></html>',
  );
});

Deno.test("renderDocument() answers with the document's status", async () => {
  const app = testApp();
  app.get(
    "/",
    (ctx) => ctx.app.renderDocument(ctx, { title: "No", html: "<p>No</p>", status: 401 }),
  );
  const res = await app.request("/");
  assert.equal(res.status, 401);
  assert.match(await res.text(), /<body><p>No<\/p><\/body>/);
});

Deno.test("useDocument() replaces the renderer, also from a plugin's setup", async () => {
  const seen: string[] = [];
  const renderer: DocumentRenderer = async (ctx, doc) => {
    seen.push(ctx.url.pathname);
    await Promise.resolve();
    return ctx.html(`<main>${doc.html}</main>`, doc.status ?? 200);
  };
  const app = testApp().register({ name: "pages", setup: (app) => void app.useDocument(renderer) });
  app.get(
    "/a",
    (ctx) => ctx.app.renderDocument(ctx, { title: "A", html: "<p>A</p>", status: 202 }),
  );
  const res = await app.request("/a");
  assert.equal(res.status, 202);
  assert.equal(await res.text(), "<main><p>A</p></main>");
  assert.deepEqual(seen, ["/a"]);
});

Deno.test("useDocument() after boot throws", async () => {
  const app = testApp();
  await app.boot();
  assert.throws(
    () => app.useDocument((ctx, doc) => ctx.html(doc.html)),
    new Error(
      "Cannot set the document renderer: the app has booted; register everything before serving",
    ),
  );
});
