// The auth views' pages go through the app's document renderer: inside the app layout when the
// templating plugin is registered, core's plain document otherwise; JSON clients get JSON.
import assert from "node:assert/strict";
import { type ComponentChildren, templating } from "@plinth/plinth/templating";
import { authApp, Browser } from "./fixtures/auth_app.ts";

const PASSWORD = "violet staple gravity";

function Site({ children }: { children: ComponentChildren }) {
  return (
    <>
      <nav>Site nav</nav>
      <main>{children}</main>
    </>
  );
}

function csrfField(html: string): string {
  return /<input type="hidden" name="csrf_token" value="([^"]+)">/.exec(html)![1];
}

Deno.test("with templating, the auth views render inside the app layout", async (t) => {
  const { app, close } = await authApp("pglite", (app) => {
    app.register(templating({ layout: Site }));
  });
  try {
    await app.auth.createUser({ username: "ann", password: PASSWORD });
    const browser = new Browser(app);

    await t.step("GET login: the layout around the form and its CSRF field", async () => {
      const res = await browser.fetch("/auth/login?next=%2Faccount%22%3E", {
        headers: { accept: "text/html" },
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
      assert.match(res.headers.get("content-security-policy")!, /form-action 'self'/);
      const html = await res.text();
      assert.ok(html.startsWith('<!DOCTYPE html><html lang="en"><head>'), html);
      assert.match(html, /<title>Log in<\/title>/);
      assert.match(html, /<nav>Site nav<\/nav><main><div class="plinth-document"><h1>Log in<\/h1>/);
      assert.match(html, /<\/h1>\s*<form method="post">/);
      assert.match(html, /<input type="password" name="password" id="password"/);
      assert.match(html, /name="next" id="next" value="\/account&#34;&#62;"/);
      assert.match(html, /<\/form><\/div><\/main><\/body><\/html>$/);
      assert.match(csrfField(html), /^[A-Za-z0-9_-]+$/);
    });

    await t.step("a failed login shows the error inside the layout, with 401", async () => {
      const page = await (await browser.fetch("/auth/login")).text();
      const res = await browser.fetch("/auth/login", {
        method: "POST",
        body: new URLSearchParams({
          username: "ann",
          password: "wrong",
          csrf_token: csrfField(page),
        }),
      });
      assert.equal(res.status, 401);
      const html = await res.text();
      assert.match(html, /<main><div class="plinth-document"><h1>Log in<\/h1><ul class="errors">/);
      assert.match(html, /<li>Please enter a correct username and password<\/li>/);
    });

    await t.step("the form logs in, and the password page is in the layout too", async () => {
      const page = await (await browser.fetch("/auth/login")).text();
      const res = await browser.fetch("/auth/login", {
        method: "POST",
        body: new URLSearchParams({
          username: "ann",
          password: PASSWORD,
          csrf_token: csrfField(page),
        }),
      });
      assert.equal(res.status, 303);
      const password = await browser.fetch("/auth/password");
      assert.equal(password.status, 200);
      const html = await password.text();
      assert.match(html, /<title>Change password<\/title>/);
      assert.match(html, /<main><div class="plinth-document"><h1>Change password<\/h1>/);
      assert.match(csrfField(html), /^[A-Za-z0-9_-]+$/);
    });

    await t.step("JSON clients still get JSON", async () => {
      const res = await new Browser(app).fetch("/auth/login", {
        headers: { accept: "application/json" },
      });
      assert.equal(res.headers.get("content-type"), "application/json");
      assert.equal(typeof (await res.json()).csrfToken, "string");
    });
  } finally {
    await close();
  }
});

Deno.test("without templating, the auth views answer core's plain document", async () => {
  const { app, close } = await authApp("pglite");
  try {
    const res = await new Browser(app).fetch("/auth/login", { headers: { accept: "text/html" } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
    const html = await res.text();
    assert.ok(
      html.startsWith(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
          '<meta name="viewport" content="width=device-width, initial-scale=1">' +
          "<title>Log in</title></head><body><h1>Log in</h1>",
      ),
      html,
    );
    assert.doesNotMatch(html, /plinth-document|<nav>/);
    assert.match(csrfField(html), /^[A-Za-z0-9_-]+$/);
    assert.match(html, /<\/form><\/body><\/html>$/);
  } finally {
    await close();
  }
});
