import assert from "node:assert/strict";
import { Router } from "../../core/mod.ts";
import { testApp } from "../../core/testing/mod.ts";
import { type ComponentChildren, Head, layout, templating } from "./mod.ts";

function headOf(html: string): string {
  return html.slice(html.indexOf("<head>") + 6, html.indexOf("</head>"));
}

Deno.test("head entries are de-duplicated by title, meta name, property, rel and src", async () => {
  const app = testApp().register(templating());
  app.get("/", (ctx) =>
    ctx.render(
      <>
        <Head>
          <title>First</title>
          <meta name="description" content="one" />
          <meta property="og:title" content="one" />
          <link rel="canonical" href="/a" />
          <link rel="stylesheet" href="/a.css" />
          <script src="/app.js" />
        </Head>
        <Head>
          <title>Second</title>
          <meta name="description" content="two" />
          <meta property="og:title" content="two" />
          <link rel="canonical" href="/b" />
          <link rel="stylesheet" href="/b.css" />
          <script src="/app.js" defer />
          <meta name="viewport" content="width=800" />
        </Head>
      </>,
    ));
  const head = headOf(await (await app.request("/")).text());
  const nonce = head.match(/nonce="([^"]+)"/)![1];
  assert.equal(
    head,
    '<meta charset="utf-8"><meta name="viewport" content="width=800"><title>Second</title>' +
      '<meta name="description" content="two"><meta property="og:title" content="two">' +
      '<link rel="canonical" href="/b"><link rel="stylesheet" href="/a.css">' +
      `<script nonce="${nonce}" src="/app.js" defer></script>` +
      '<link rel="stylesheet" href="/b.css">',
  );
});

Deno.test("ids de-duplicate entries the rules would keep apart", async () => {
  const app = testApp().register(templating());
  app.get("/", (ctx) =>
    ctx.render(
      <>
        <Head>
          <style id="theme">{"body { color: black }"}</style>
        </Head>
        <Head>
          <style id="theme">{"body { color: red }"}</style>
        </Head>
      </>,
    ));
  const head = headOf(await (await app.request("/")).text());
  assert.match(head, /<style id="theme">body \{ color: red \}<\/style>$/);
  assert.doesNotMatch(head, /black/);
});

Deno.test("the innermost Head wins, wherever its layouts put theirs", async () => {
  function Site({ children }: { children: ComponentChildren }) {
    return (
      <div>
        {children}
        <Head>
          <title>Site</title>
          <meta name="author" content="Site" />
        </Head>
      </div>
    );
  }
  function Blog({ children }: { children: ComponentChildren }) {
    return (
      <section>
        {children}
        <Head>
          <title>Blog</title>
        </Head>
      </section>
    );
  }
  const blog = new Router().use(layout(Blog));
  blog.get("/post", (ctx) =>
    ctx.render(
      <Head>
        <title>Post</title>
      </Head>,
    ));
  blog.get("/index", (ctx) => ctx.render(<p>Index</p>));
  const app = testApp().register(templating({ layout: Site }));
  app.mount("/blog", blog);
  const post = headOf(await (await app.request("/blog/post")).text());
  assert.match(post, /<title>Post<\/title><meta name="author" content="Site">$/);
  const index = headOf(await (await app.request("/blog/index")).text());
  assert.match(index, /<title>Blog<\/title>/);
});

Deno.test("Head refuses what does not belong in the head", async () => {
  const app = testApp().register(templating({ errorPage: false }));
  app.get("/", (ctx) =>
    ctx.render(
      <Head>
        <div>Not a head element</div>
      </Head>,
    ));
  let failure: unknown;
  app.onError((error) => {
    failure = error;
    return new Response("failed", { status: 500 });
  });
  assert.equal((await app.request("/")).status, 500);
  assert.match(String(failure), /Cannot put "<div>Not a head element<\/div>" in <Head>/);
});

Deno.test("head values from data are escaped and may hold > and quotes", async () => {
  const app = testApp().register(templating());
  app.get("/", (ctx) => {
    const text = ctx.query.get("q")!;
    return ctx.render(
      <Head>
        <title>{text}</title>
        <meta name="description" content={text} />
        <meta name="description" content={`${text} again`} />
      </Head>,
    );
  });
  const attack = `</title><script>alert(1)</script>"><b>`;
  const head = headOf(await (await app.request(`/?q=${encodeURIComponent(attack)}`)).text());
  assert.match(head, /<title>&lt;\/title>&lt;script>alert\(1\)&lt;\/script>&quot;>&lt;b><\/title>/);
  assert.match(
    head,
    /<meta name="description" content="&lt;\/title>&lt;script>alert\(1\)&lt;\/script>&quot;>&lt;b> again">$/,
  );
});

Deno.test("static head entries render the same each time, inline scripts with a fresh nonce", async () => {
  const app = testApp().register(templating());
  app.get("/", (ctx) =>
    ctx.render(
      <>
        <Head>
          <title>Layout</title>
          <script>start()</script>
        </Head>
        <Head>
          <title>Page</title>
        </Head>
      </>,
    ));
  const heads = [];
  for (let i = 0; i < 2; i++) {
    const res = await app.request("/");
    const head = headOf(await res.text());
    const nonce = head.match(/<script nonce="([^"]+)">start\(\)<\/script>/)![1];
    assert.ok(res.headers.get("content-security-policy")!.includes(`'nonce-${nonce}'`));
    assert.match(head, /<title>Page<\/title><script nonce="[^"]+">start\(\)<\/script>$/);
    heads.push(nonce);
  }
  assert.notEqual(heads[0], heads[1]);
});
