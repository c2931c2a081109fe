import assert from "node:assert/strict";
import { HttpError } from "../../core/mod.ts";
import { testApp } from "../../core/testing/mod.ts";
import {
  type ComponentChildren,
  ErrorPage,
  type ErrorPageProps,
  templating,
  useRequest,
} from "./mod.ts";

const HTML = { headers: { accept: "text/html" } };

Deno.test("ctx.render answers with a complete HTML document", async () => {
  const app = testApp().register(templating({ lang: "pt-BR" }));
  app.get("/", (ctx) => ctx.render(<h1>Olá</h1>));
  const res = await app.request("/");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
  assert.equal(
    await res.text(),
    '<!DOCTYPE html><html lang="pt-BR"><head><meta charset="utf-8">' +
      '<meta name="viewport" content="width=device-width, initial-scale=1"></head>' +
      "<body><h1>Olá</h1></body></html>",
  );
});

Deno.test("text and attributes from request data are escaped", async () => {
  const app = testApp().register(templating());
  app.get("/", (ctx) => {
    const q = ctx.query.get("q") ?? "";
    return ctx.render(
      <form>
        <input name="q" value={q} />
        <p title={q}>{q}</p>
      </form>,
    );
  });
  const attack = `"><svg onload=alert(1)><script>alert(2)</script>`;
  const html = await (await app.request(`/?q=${encodeURIComponent(attack)}`)).text();
  assert.doesNotMatch(html, /<svg|<script/);
  assert.match(html, /value="&quot;>&lt;svg onload=alert\(1\)>&lt;script>/);
  assert.match(html, /<p title="&quot;>&lt;svg[^"]*">&quot;>&lt;svg onload=alert\(1\)>&lt;script>/);
});

Deno.test("a page without islands ships no JavaScript and no nonce", async () => {
  const app = testApp().register(templating());
  app.get("/", (ctx) => ctx.render(<p>Static</p>));
  const res = await app.request("/");
  assert.doesNotMatch(await res.text(), /<script/);
  const policy = res.headers.get("content-security-policy")!;
  assert.match(policy, /script-src 'self';/);
  assert.doesNotMatch(policy, /nonce/);
});

Deno.test("a nonce a component asks for is in the page and in the policy", async () => {
  function Analytics() {
    const { nonce } = useRequest();
    return <script nonce={nonce}>window.started = Date.now();</script>;
  }
  const app = testApp().register(templating());
  app.get("/", (ctx) => ctx.render(<Analytics />));
  const first = await app.request("/");
  const nonce = (await first.text()).match(/<script nonce="([^"]+)">/)![1];
  assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
  assert.ok(first.headers.get("content-security-policy")!.includes(`'nonce-${nonce}'`));
  const second = await (await app.request("/")).text();
  assert.ok(!second.includes(nonce), "each response has its own nonce");
});

Deno.test("status and headers of the render options win", async () => {
  const app = testApp().register(templating({ contentSecurityPolicy: { "img-src": ["*"] } }));
  app.get("/", (ctx) =>
    ctx.render(<p>Made</p>, {
      status: 201,
      headers: { "content-security-policy": "default-src 'none'", "x-extra": "1" },
    }));
  app.get("/plain", (ctx) => ctx.render(<p>Plain</p>));
  const res = await app.request("/");
  assert.equal(res.status, 201);
  assert.equal(res.headers.get("content-security-policy"), "default-src 'none'");
  assert.equal(res.headers.get("x-extra"), "1");
  assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
  assert.match((await app.request("/plain")).headers.get("content-security-policy")!, /img-src \*/);
});

Deno.test("contentSecurityPolicy: false sends no policy", async () => {
  const app = testApp().register(templating({ contentSecurityPolicy: false }));
  app.get("/", (ctx) => ctx.render(<p>Hi</p>));
  assert.equal((await app.request("/")).headers.get("content-security-policy"), null);
});

Deno.test("useRequest gives components the context, state and reverse routing", async () => {
  function Profile() {
    const request = useRequest();
    return (
      <a href={request.url("user", { name: request.ctx.params.name }, { tab: "posts" })}>
        {String((request.state as { greeting?: string }).greeting)} {request.csrfToken}
      </a>
    );
  }
  const app = testApp().register(templating());
  app.get("/users/:name", (ctx) => {
    Object.assign(ctx.state, { greeting: "hi", csrfToken: "tok" });
    return ctx.render(<Profile />);
  }, { name: "user" });
  const html = await (await app.request("/users/ann%20b")).text();
  assert.match(html, /<a href="\/users\/ann%20b\?tab=posts">hi tok<\/a>/);
});

Deno.test("useRequest outside ctx.render says why it cannot work", async () => {
  const { renderToString } = await import("preact-render-to-string");
  function Lost() {
    useRequest();
    return null;
  }
  assert.throws(() => renderToString(<Lost />), /Cannot use useRequest\(\) outside ctx.render\(\)/);
});

Deno.test("errors render the error page for browsers, core's answer for others", async () => {
  function Site({ children }: { children: ComponentChildren }) {
    return <main class="site">{children}</main>;
  }
  const app = testApp().register(templating({ layout: Site }));
  app.get("/gone", () => {
    throw new HttpError(410, "The post was removed", { headers: { "x-why": "removed" } });
  });
  app.get("/boom", () => {
    throw new Error("secret database detail");
  });
  const gone = await app.request("/gone", HTML);
  assert.equal(gone.status, 410);
  assert.equal(gone.headers.get("x-why"), "removed");
  assert.equal(gone.headers.get("cache-control"), "no-store");
  const page = await gone.text();
  assert.match(page, /<title>410 Gone<\/title>/);
  assert.match(page, /<main class="site"><h1>410 Gone<\/h1><p>The post was removed<\/p><\/main>/);

  const boom = await app.request("/boom", HTML);
  assert.equal(boom.status, 500);
  const text = await boom.text();
  assert.match(text, /<h1>500 Internal Server Error<\/h1>/);
  assert.doesNotMatch(text, /secret database detail/);

  const json = await app.request("/gone", { headers: { accept: "application/json" } });
  assert.deepEqual(await json.json(), { error: { status: 410, message: "The post was removed" } });
});

Deno.test("in development the error page shows the stack; the page can be replaced", async () => {
  function Oops(props: ErrorPageProps) {
    return <ErrorPage {...props} message={`Oops: ${props.message}`} />;
  }
  const app = testApp({ env: "development" }).register(
    templating({ errorPage: Oops, watch: [] }),
  );
  app.get("/boom", function explode() {
    throw new Error("kaboom");
  });
  const html = await (await app.request("/boom", HTML)).text();
  assert.match(html, /<p>Oops: Internal Server Error<\/p>/);
  assert.match(html, /<pre>Error: kaboom\n\s+at Object.explode/);
  assert.match(html, /<script nonce="[^"]+">.*new EventSource\("\/_plinth\/live-reload"\)/);
  await app.close();
});

Deno.test("errorPage: false leaves errors to the app", async () => {
  const app = testApp().register(templating({ errorPage: false }));
  const res = await app.request("/missing", HTML);
  assert.equal(res.status, 404);
  assert.doesNotMatch(res.headers.get("content-security-policy") ?? "", /script-src/);
  await res.body?.cancel();
});

Deno.test("bad options fail when the plugin is made", () => {
  assert.throws(() => templating({ lang: 'en" onload="x' }), /Cannot use lang/);
  assert.throws(
    () => templating({ contentSecurityPolicy: { "script-src": false } }),
    /Cannot remove CSP directive "script-src"/,
  );
});
