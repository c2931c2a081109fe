import assert from "node:assert/strict";
import { escapeHtml, Router } from "../../core/mod.ts";
import { testApp } from "../../core/testing/mod.ts";
import { type ComponentChildren, Head, layout, templating, useRequest } from "./mod.ts";

function Site({ children }: { children: ComponentChildren }) {
  const { nonce } = useRequest();
  return (
    <>
      <Head>
        <title>Site</title>
      </Head>
      <header>Site</header>
      <main>{children}</main>
      <script nonce={nonce}>window.site = 1;</script>
    </>
  );
}

Deno.test("a document renders inside the app layout with the nonce and policy", async () => {
  const app = testApp().register(templating({ layout: Site }));
  app.get("/", (ctx) =>
    ctx.app.renderDocument(ctx, {
      title: `Log in <now>`,
      html: `<h1>Log in</h1><p>${escapeHtml(ctx.query.get("q") ?? "")}</p>`,
      status: 401,
    }));
  const res = await app.request("/?q=%3Cscript%3E");
  assert.equal(res.status, 401);
  assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
  const html = await res.text();
  assert.ok(html.startsWith('<!DOCTYPE html><html lang="en"><head>'));
  assert.match(html, /<title>Log in &lt;now><\/title>/);
  assert.doesNotMatch(html, /<title>Site<\/title>/, "the document's title wins the layout's");
  const body = '<header>Site</header><main><div class="plinth-document"><h1>Log in</h1>' +
    "<p>&#60;script&#62;</p></div></main>";
  assert.ok(html.includes(body), html);
  const nonce = html.match(/<script nonce="([^"]+)">window.site = 1;<\/script>/)![1];
  assert.ok(res.headers.get("content-security-policy")!.includes(`'nonce-${nonce}'`));
});

Deno.test("a document gets its route group's layout, as pages do", async () => {
  const Account = ({ children }: { children: ComponentChildren }) => <section>{children}</section>;
  const account = new Router().use(layout(Account));
  account.get("/login", (ctx) => ctx.app.renderDocument(ctx, { title: "In", html: "<p>In</p>" }));
  const app = testApp().register(templating({ layout: Site }));
  app.mount("/account", account);
  const res = await app.request("/account/login");
  assert.equal(res.status, 200);
  assert.match(
    await res.text(),
    /<main><section><div class="plinth-document"><p>In<\/p><\/div><\/section><\/main>/,
  );
});
