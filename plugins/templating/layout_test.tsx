import assert from "node:assert/strict";
import { Router } from "../../core/mod.ts";
import { testApp } from "../../core/testing/mod.ts";
import { type ComponentChildren, layout, templating, useRequest } from "./mod.ts";

function bodyOf(html: string): string {
  return html.slice(html.indexOf("<body>") + 6, html.indexOf("</body>"));
}

function wrapper(tag: string) {
  return function Layout({ children }: { children: ComponentChildren }) {
    return <div class={tag}>{children}</div>;
  };
}

const Site = wrapper("site");
const Docs = wrapper("docs");
const Api = wrapper("api");
const Print = wrapper("print");

function app() {
  const api = new Router().use(layout(Api));
  api.get("/auth", (ctx) => ctx.render(<p>Auth</p>));
  const docs = new Router().use(layout(Docs));
  docs.get("/intro", (ctx) => ctx.render(<p>Intro</p>));
  docs.get("/bare", (ctx) => ctx.render(<p>Bare</p>, { layout: false }));
  docs.get("/print", (ctx) => ctx.render(<p>Print</p>, { layout: Print }));
  docs.mount("/api", api);
  const app = testApp().register(templating({ layout: Site }));
  app.mount("/docs", docs);
  app.get("/", (ctx) => ctx.render(<p>Home</p>));
  return app;
}

Deno.test("pages render in the app layout, then each route group's, outermost first", async () => {
  const a = app();
  assert.equal(bodyOf(await (await a.request("/")).text()), '<div class="site"><p>Home</p></div>');
  assert.equal(
    bodyOf(await (await a.request("/docs/intro")).text()),
    '<div class="site"><div class="docs"><p>Intro</p></div></div>',
  );
  assert.equal(
    bodyOf(await (await a.request("/docs/api/auth")).text()),
    '<div class="site"><div class="docs"><div class="api"><p>Auth</p></div></div></div>',
  );
});

Deno.test("a page can drop its layouts or pick its own", async () => {
  const a = app();
  assert.equal(bodyOf(await (await a.request("/docs/bare")).text()), "<p>Bare</p>");
  assert.equal(
    bodyOf(await (await a.request("/docs/print")).text()),
    '<div class="print"><p>Print</p></div>',
  );
});

Deno.test("layouts reach the request like pages do", async () => {
  function Nav({ children }: { children: ComponentChildren }) {
    const { url, ctx } = useRequest();
    return (
      <nav data-path={ctx.path}>
        <a href={url("home")}>Home</a>
        {children}
      </nav>
    );
  }
  const a = testApp().register(templating({ layout: Nav }));
  a.get("/here", (ctx) => ctx.render(<i>here</i>), { name: "home" });
  assert.equal(
    bodyOf(await (await a.request("/here")).text()),
    '<nav data-path="/here"><a href="/here">Home</a><i>here</i></nav>',
  );
});

Deno.test("layout() refuses what is not a component", () => {
  assert.throws(() => layout("Site" as never), /Cannot use layout\(\): give it a component/);
});
