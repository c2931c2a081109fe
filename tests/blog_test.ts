// The blog example in-process, on in-memory PGlite and the memory cache: pages, the staff area,
// the API, permissions, CSRF, caching and probes.
import assert from "node:assert/strict";
import type { App } from "@plinth/plinth";
import { createBlog } from "../examples/blog/mod.ts";
import { Browser, cheapPasswords } from "./fixtures/auth_app.ts";

const STAFF = { username: "editor", password: "violet staple gravity" };
const READER = { username: "reader", password: "amber lantern orchard" };

async function blogApp(): Promise<App> {
  const app = createBlog({
    env: "test",
    databaseUrl: "memory://",
    redisUrl: "",
    logging: { level: "off", console: false },
    passwords: cheapPasswords(),
  });
  await app.boot(); // migrates and seeds outside production
  await app.auth.createUser({ ...STAFF, isStaff: true, isSuperuser: true });
  await app.auth.createUser(READER);
  return app;
}

/** The CSRF token of the first form on `path`, with the browser's session. */
async function formToken(browser: Browser, path: string): Promise<string> {
  const html = await (await browser.fetch(path)).text();
  const match = /name="csrf_token" value="([^"]+)"/.exec(html);
  assert.ok(match, `no CSRF token on ${path}`);
  return match[1];
}

async function logIn(app: App, who: { username: string; password: string }): Promise<Browser> {
  const browser = new Browser(app);
  const csrf_token = await formToken(browser, "/login");
  const res = await browser.fetch("/login?next=/staff/", {
    method: "POST",
    body: new URLSearchParams({ ...who, csrf_token }),
  });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), "/staff/");
  return browser;
}

async function postForm(browser: Browser, path: string, fields: Record<string, string>) {
  const csrf_token = await formToken(browser, path.replace(/\/(publish|delete)$/, "/edit"));
  return await browser.fetch(path, {
    method: "POST",
    body: new URLSearchParams({ ...fields, csrf_token }),
  });
}

Deno.test("the blog: pages, staff area, API and caching work together", async (t) => {
  const app = await blogApp();
  const anonymous = new Browser(app);
  try {
    await t.step(
      "the home page lists the seeded posts, cached for anonymous visitors",
      async () => {
        const first = await anonymous.fetch("/");
        assert.equal(first.status, 200);
        const html = await first.text();
        assert.match(html, /Welcome to the Plinth blog/);
        assert.match(html, /<link rel="stylesheet" href="\/static\/blog\.[0-9a-f]{10}\.css">/);
        assert.equal(first.headers.getSetCookie().length, 0, "no session for anonymous visitors");
        const hit = await anonymous.fetch("/");
        assert.equal(hit.headers.get("age"), "0");
        assert.equal(hit.headers.get("cache-control"), "max-age=0, s-maxage=300");
        assert.equal(hit.headers.get("content-type"), "text/html; charset=utf-8");
        assert.equal(await hit.text(), html);
      },
    );

    await t.step("the stylesheet has a content-hashed name and may be kept forever", async () => {
      const href =
        /href="(\/static\/blog\.[0-9a-f]+\.css)"/.exec(await (await app.request("/")).text())![1];
      const css = await app.request(href);
      assert.equal(css.status, 200);
      assert.match(css.headers.get("cache-control")!, /immutable/);
      assert.match(await css.text(), /--accent/);
      assert.equal((await app.request("/static/blog.0000000000.css")).status, 404);
    });

    await t.step(
      "a post page shows the post, its tags and, to anonymous visitors, no forms",
      async () => {
        const html = await (await anonymous.fetch("/posts/welcome-to-the-plinth-blog")).text();
        assert.match(html, /<h1>Welcome to the Plinth blog<\/h1>/);
        assert.match(html, /href="\/tags\/plinth"/);
        assert.match(html, /Log in to like/);
        assert.match(html, /<plinth-island/);
        assert.doesNotMatch(html, /csrf_token/);
        assert.equal(
          (await anonymous.fetch("/posts/nope", { headers: { accept: "text/html" } })).status,
          404,
        );
      },
    );

    await t.step("tag pages and pagination; a page past the last is a 404", async () => {
      assert.match(await (await anonymous.fetch("/tags/cache")).text(), /Caching pages/);
      assert.equal((await anonymous.fetch("/?page=2")).status, 404);
      assert.equal((await anonymous.fetch("/?page=zero")).status, 404);
      assert.equal((await anonymous.fetch("/tags/nope")).status, 404);
    });

    const staff = await logIn(app, STAFF);

    await t.step(
      "staff create a post: errors in place first, then a draft, then published",
      async () => {
        const invalid = await postForm(staff, "/staff/posts/new", {
          title: "",
          body: "Kept body",
          tags: "One",
        });
        assert.equal(invalid.status, 400);
        const page = await invalid.text();
        assert.match(page, /This field is required\./);
        assert.match(page, />Kept body<\/textarea>/);

        const saved = await postForm(staff, "/staff/posts/new", {
          title: "Fresh news",
          body: "Hello.\n\nSecond paragraph.",
          tags: "Deno, News, deno",
        });
        assert.equal(saved.status, 303);
        assert.doesNotMatch(await (await anonymous.fetch("/")).text(), /Fresh news/, "a draft");
        assert.equal((await anonymous.fetch("/posts/fresh-news")).status, 404);
        assert.equal((await staff.fetch("/posts/fresh-news")).status, 200, "staff see drafts");

        const id = /href="\/staff\/posts\/(\d+)\/edit">Fresh news/.exec(
          await (await staff.fetch("/staff/")).text(),
        )![1];
        const published = await postForm(staff, `/staff/posts/${id}/publish`, { published: "on" });
        assert.equal(published.status, 303);
        const home = await (await anonymous.fetch("/")).text();
        assert.match(home, /Fresh news/, "publishing invalidated the cached home page");
        const tags = await (await app.request("/api/posts/fresh-news")).json();
        assert.deepEqual(tags.tags, ["deno", "news"]);

        const editor = await (await staff.fetch(`/staff/posts/${id}/edit`)).text();
        assert.match(editor, /value="fresh-news"/);
        assert.match(editor, /value="Deno, News"/);
        const edited = await postForm(staff, `/staff/posts/${id}/edit`, {
          title: "Fresh news, edited",
          slug: "fresh-news",
          body: "Hello again.",
          tags: "News",
          published: "on",
        });
        assert.equal(edited.status, 303);
        const after = await (await app.request("/api/posts/fresh-news")).json();
        assert.deepEqual([after.title, after.tags], ["Fresh news, edited", ["news"]]);
        assert.match(await (await anonymous.fetch("/")).text(), /Fresh news, edited/);
      },
    );

    await t.step("a taken slug is shown in place, not as an error page", async () => {
      const res = await postForm(staff, "/staff/posts/new", {
        title: "Fresh news",
        body: "Same title, same slug",
      });
      assert.equal(res.status, 400);
      assert.match(await res.text(), /A post with this slug already exists\./);
    });

    await t.step("logged-in readers comment; anonymous ones are sent to log in", async () => {
      const reader = await logIn(app, READER);
      const path = "/posts/fresh-news/comments";
      const token = await formToken(reader, "/posts/fresh-news");
      const empty = await reader.fetch(path, {
        method: "POST",
        body: new URLSearchParams({ body: "", csrf_token: token }),
      });
      assert.equal(empty.status, 400);
      assert.match(await empty.text(), /This field is required\./);
      const res = await reader.fetch(path, {
        method: "POST",
        body: new URLSearchParams({ body: "Nice <b>post</b>", csrf_token: token }),
      });
      assert.equal(res.status, 303);
      const html = await (await anonymous.fetch("/posts/fresh-news")).text();
      assert.match(html, /Nice &lt;b>post&lt;\/b>/);
      const refused = await anonymous.fetch(path, {
        method: "POST",
        body: new URLSearchParams({ body: "hi" }),
      });
      assert.equal(refused.status, 403, "no session, no CSRF token");
      await refused.body?.cancel();
      assert.equal((await reader.fetch("/staff/")).status, 403, "readers are not staff");
    });

    await t.step("likes: one atomic increment each, only for logged-in users", async () => {
      const token = await formToken(staff, "/posts/fresh-news");
      const like = () =>
        staff.fetch("/api/posts/fresh-news/like", {
          method: "POST",
          headers: { accept: "application/json", "x-csrf-token": token },
        });
      const results = await Promise.all(Array.from({ length: 10 }, like));
      assert.ok(results.every((res) => res.status === 200));
      await Promise.all(results.map((res) => res.json()));
      const post = await (await app.request("/api/posts/fresh-news")).json();
      assert.equal(post.likes, 10);
      const anonymousLike = await app.request("/api/posts/fresh-news/like", { method: "POST" });
      assert.equal(anonymousLike.status, 403, "no session and no token: the CSRF check refuses");
      await anonymousLike.body?.cancel();
    });

    await t.step("staff delete a post; it leaves the lists", async () => {
      const id = /href="\/staff\/posts\/(\d+)\/edit">Fresh news/.exec(
        await (await staff.fetch("/staff/")).text(),
      )![1];
      assert.equal((await postForm(staff, `/staff/posts/${id}/delete`, {})).status, 303);
      assert.doesNotMatch(await (await anonymous.fetch("/")).text(), /Fresh news/);
    });

    await t.step("logging out ends the session", async () => {
      const token = await formToken(staff, "/staff/");
      const res = await staff.fetch("/logout", {
        method: "POST",
        body: new URLSearchParams({ csrf_token: token }),
      });
      assert.equal(res.status, 303);
      const after = await staff.fetch("/staff/", { headers: { accept: "text/html" } });
      assert.equal(after.status, 302);
      assert.equal(after.headers.get("location"), "/login?next=%2Fstaff%2F");
    });
  } finally {
    await app.close();
  }
});

Deno.test("the blog's API: declared filters only, validation as 400 JSON, token auth", async () => {
  const app = await blogApp();
  try {
    const list = await (await app.request("/api/posts?tag=plinth&ordering=title")).json();
    assert.deepEqual(
      list.results.map((post: { slug: string }) => post.slug),
      ["models-migrations-and-queries", "welcome-to-the-plinth-blog"],
    );
    assert.equal(list.count, 2);
    const ignored = await (await app.request("/api/posts?password=x&authorId=1")).json();
    assert.equal(ignored.count, 3, "undeclared parameters filter nothing");
    const paged = await (await app.request("/api/posts?pageSize=2&page=2")).json();
    assert.deepEqual([paged.count, paged.page, paged.pages, paged.results.length], [3, 2, 2, 1]);
    for (const query of ["ordering=password", "pageSize=51", "page=0", "published=maybe"]) {
      const res = await app.request(`/api/posts?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal((await res.json()).error.status, 400);
    }

    const bad = await app.request("/api/tokens", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: STAFF.username, password: "wrong" }),
    });
    assert.equal(bad.status, 401);
    await bad.body?.cancel();
    const issued = await app.request("/api/tokens", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(STAFF),
    });
    assert.equal(issued.status, 201);
    const bearer = { authorization: `Bearer ${(await issued.json()).token}` };
    const json = { ...bearer, "content-type": "application/json" };

    const invalid = await app.request("/api/posts", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ title: 5, tags: "not a list" }),
    });
    assert.equal(invalid.status, 400);
    const { error } = await invalid.json();
    assert.deepEqual(Object.keys(error.fields).sort(), ["body", "tags", "title"]);

    const created = await app.request("/api/posts", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ title: "From the API", body: "Text", tags: ["Api"], published: true }),
    });
    assert.equal(created.status, 201);
    assert.equal(created.headers.get("location"), "/api/posts/from-the-api");
    assert.equal((await created.json()).author, STAFF.username);

    const patched = await app.request("/api/posts/from-the-api", {
      method: "PATCH",
      headers: json,
      body: JSON.stringify({ title: "Renamed" }),
    });
    assert.equal((await patched.json()).title, "Renamed");
    const conflict = await app.request("/api/posts", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ title: "From the API", body: "Again" }),
    });
    assert.equal(conflict.status, 409);
    assert.deepEqual((await conflict.json()).error.fields, {
      slug: ["A post with this slug already exists."],
    });

    const removed = await app.request("/api/posts/from-the-api", {
      method: "DELETE",
      headers: bearer,
    });
    assert.equal(removed.status, 204);
    assert.equal((await app.request("/api/posts/from-the-api")).status, 404);

    const anonymous = await app.request("/api/posts", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: "{}",
    });
    assert.equal(anonymous.status, 403, "no session and no token: the CSRF check refuses first");
    await anonymous.body?.cancel();
  } finally {
    await app.close();
  }
});

Deno.test("the blog's probes: /healthz always, /readyz when the database and cache answer", async () => {
  const app = await blogApp();
  try {
    assert.deepEqual(await (await app.request("/healthz")).json(), { status: "ok" });
    const ready = await app.request("/readyz");
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: "ok", database: "ok", cache: "ok" });
    assert.equal(ready.headers.get("cache-control"), "no-store");
  } finally {
    await app.close();
  }
});
