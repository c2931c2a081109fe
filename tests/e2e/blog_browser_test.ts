// The blog in a real browser (Debian's chromium, driven by playwright-core) against a real
// `deno serve` process: an anonymous visitor reads cached pages, an editor logs in, writes a post
// (a validation error first), publishes it, comments, likes it through the island and logs out.
// Every page is watched for console errors, page errors and Content-Security-Policy violations.
import assert from "node:assert/strict";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "../fixtures/chromium.ts";
import {
  type BlogProcess,
  developmentEnv,
  pgliteDatabase,
  prepare,
  STAFF,
  startBlog,
} from "../fixtures/blog_server.ts";

const SCREENSHOTS = new URL("./screenshots/", import.meta.url);
const SEEDED = [
  "welcome-to-the-plinth-blog",
  "models-migrations-and-queries",
  "caching-pages-for-anonymous-visitors",
];
const POST = {
  title: "Testing the blog in a browser",
  slug: "testing-the-blog-in-a-browser",
  body: "Chromium clicks through the blog.\n\nIt logs in, writes, publishes and likes.",
  tags: "Browser, E2E",
};

/** Problems seen by the pages of a context: console errors, page errors, CSP reports. */
interface Watched {
  readonly name: string;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly problems: string[];
  /** Messages a step expects once each, such as Chromium's report of a 400 answer. */
  readonly expected: string[];
}

/** Records `securitypolicyviolation` events in `__cspViolations`, kept across navigations. */
function recordViolations() {
  const key = "__cspViolations";
  let list: string[] = [];
  try {
    list = JSON.parse(sessionStorage.getItem(key) ?? "[]");
  } catch {
    // about:blank has no storage
  }
  (globalThis as unknown as Record<string, string[]>)[key] = list;
  globalThis.addEventListener("securitypolicyviolation", (event) => {
    const { violatedDirective, blockedURI } = event as unknown as Record<string, string>;
    list.push(`${location.pathname}: ${violatedDirective} ${blockedURI}`);
    try {
      sessionStorage.setItem(key, JSON.stringify(list));
    } catch {
      // nowhere to keep it but the array
    }
  });
}

async function watchedContext(browser: Browser, name: string): Promise<Watched> {
  const context = await browser.newContext();
  context.setDefaultTimeout(15_000);
  await context.addInitScript(recordViolations);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (message.type() === "error" || text.includes("Content Security Policy")) {
      problems.push(`${name} console ${message.type()} at ${page.url()}: ${text}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`${name} page error: ${error.message}`));
  return { name, context, page, problems, expected: [] };
}

async function violations(page: Page): Promise<string[]> {
  return await page.evaluate(() =>
    (globalThis as unknown as Record<string, string[]>).__cspViolations ?? []
  );
}

async function screenshots(test: string, watched: readonly Watched[]): Promise<void> {
  await Deno.mkdir(SCREENSHOTS, { recursive: true });
  for (const { name, page } of watched) {
    if (page.isClosed()) continue;
    const path = new URL(`${test}-${name}.png`, SCREENSHOTS).pathname;
    await page.screenshot({ path, fullPage: true }).catch((error) =>
      console.error(`no screenshot of ${name}: ${error}`)
    );
    console.error(`screenshot of ${name} (${page.url()}): ${path}`);
  }
}

async function postSlugs(page: Page): Promise<string[]> {
  const hrefs = await page.locator("ul.posts h2 a").evaluateAll((links) =>
    links.map((link) => link.getAttribute("href") ?? "")
  );
  return hrefs.map((href) => href.replace(/^\/posts\//, ""));
}

Deno.test("blog in a browser: cached pages, login, staff editor, comments, island, logout", async (t) => {
  const db = await pgliteDatabase();
  let blog: BlogProcess | undefined;
  let browser: Browser | undefined;
  const watched: Watched[] = [];
  const step = async (name: string, fn: () => Promise<void>) => {
    if (!(await t.step(name, fn))) throw new Error(`step failed: ${name}`);
  };
  try {
    const env = developmentEnv(db);
    await prepare(env);
    blog = await startBlog(env);
    const origin = blog.origin;
    browser = await launchChromium();
    const anonymous = await watchedContext(browser, "anonymous");
    const staff = await watchedContext(browser, "staff");
    watched.push(anonymous, staff);
    const reader = anonymous.page;
    const editor = staff.page;

    await step("an anonymous visitor gets the home page, then a page-cache hit", async () => {
      const stylesheet = reader.waitForResponse((res) => /\/static\/.*\.css$/.test(res.url()));
      const first = await reader.goto(`${origin}/`);
      assert.equal(first?.status(), 200);
      assert.equal(first?.headers()["age"], undefined, "the first answer is rendered");
      assert.equal(await reader.title(), "Plinth blog");
      assert.deepEqual((await postSlugs(reader)).sort(), [...SEEDED].sort());
      assert.equal(await reader.locator("header.site nav a", { hasText: "Log in" }).count(), 1);

      const href = await reader.locator('link[rel="stylesheet"]').getAttribute("href");
      assert.match(href ?? "", /^\/static\/blog\.[0-9a-f]+\.css$/);
      const css = await stylesheet;
      assert.equal(new URL(css.url()).pathname, href);
      assert.equal(css.status(), 200);
      assert.match(css.headers()["cache-control"] ?? "", /\bimmutable\b/);
      assert.match(css.headers()["content-type"] ?? "", /^text\/css/);

      const second = await reader.goto(`${origin}/`);
      assert.equal(second?.status(), 200);
      assert.match(second?.headers()["age"] ?? "", /^\d+$/, "the second answer is a cache hit");
      assert.deepEqual((await postSlugs(reader)).sort(), [...SEEDED].sort());
    });

    await step("the editor is sent to the login page and back where next says", async () => {
      await editor.goto(`${origin}/staff/posts/new`);
      const login = new URL(editor.url());
      assert.equal(login.pathname, "/login");
      assert.equal(login.searchParams.get("next"), "/staff/posts/new");
      await editor.fill("#login-form input[name=username]", STAFF.username);
      await editor.fill("#login-form input[name=password]", STAFF.password);
      await editor.click("#login-form button[type=submit]");
      await editor.waitForURL(`${origin}/staff/posts/new`);
      assert.equal(await editor.locator("header.site .who").textContent(), STAFF.username);
    });

    await step("a post is refused without a title, then saved and published", async () => {
      const form = editor.locator("#post-form");
      const title = form.locator("input[name=title]");
      // The browser's own check stops an empty title; a blank one reaches the server.
      assert.notEqual(await title.getAttribute("required"), null);
      await title.fill("   ");
      await form.locator("textarea[name=body]").fill(POST.body);
      await form.locator("input[name=tags]").fill(POST.tags);
      const refused = editor.waitForResponse((res) => res.request().method() === "POST");
      await form.locator("button[type=submit]").click();
      assert.equal((await refused).status(), 400);
      // Chromium reports any 4xx document as a console error; this one is the point of the step.
      staff.expected.push(
        `staff console error at ${origin}/staff/posts/new: ` +
          "Failed to load resource: the server responded with a status of 400 (Bad Request)",
      );
      await editor.waitForSelector("#id_title_errors");
      assert.equal(
        await editor.locator("#id_title_errors li").allTextContents().then((l) => l.join("|")),
        "This field is required.",
      );
      assert.equal(await form.locator("textarea[name=body]").inputValue(), POST.body);
      assert.equal(await form.locator("input[name=tags]").inputValue(), POST.tags);
      assert.equal(await form.locator("input[name=published]").isChecked(), false);

      await form.locator("input[name=title]").fill(POST.title);
      await form.locator("button[type=submit]").click();
      await editor.waitForURL(`${origin}/staff/`);
      const row = editor.locator(`tr[data-slug="${POST.slug}"]`);
      assert.equal(await row.locator("td").nth(2).textContent(), "Draft");
      await row.locator("button", { hasText: "Publish" }).click();
      await row.locator("td").nth(2).filter({ hasText: "Published" }).waitFor();
      assert.equal(await row.locator("button[type=submit]").first().textContent(), "Unpublish");
    });

    await step("the anonymous visitor's cached home page now lists the new post", async () => {
      const again = await reader.reload();
      assert.equal(again?.status(), 200);
      assert.equal(again?.headers()["age"], undefined, "the cached page was dropped");
      assert.deepEqual((await postSlugs(reader)).sort(), [...SEEDED, POST.slug].sort());
      const item = reader.locator("ul.posts li", {
        has: reader.locator(`a[href="/posts/${POST.slug}"]`),
      });
      assert.deepEqual(await item.locator("ul.tags a").allTextContents(), ["Browser", "E2E"]);
    });

    await step("the editor comments on the post", async () => {
      await editor.goto(`${origin}/posts/${POST.slug}`);
      assert.equal(await editor.locator("article.post h1").textContent(), POST.title);
      // Browsers send a textarea's line breaks as CRLF: the blank line still makes two paragraphs.
      assert.deepEqual(await editor.locator("article.post .body p").allTextContents(), [
        "Chromium clicks through the blog.",
        "It logs in, writes, publishes and likes.",
      ]);
      await editor.fill("#comment-form textarea[name=body]", "Seen from Chromium.");
      await editor.click("#comment-form button[type=submit]");
      await editor.waitForURL(/#comment-\d+$/);
      const comment = editor.locator(".comments ol li", { hasText: "Seen from Chromium." });
      await comment.waitFor();
      assert.match(await comment.locator(".meta").textContent() ?? "", /editor/);
      assert.equal(await editor.locator(".comments h2").textContent(), "Comments (1)");
    });

    await step("the like island counts a like, and the count persists", async () => {
      await editor.waitForSelector("plinth-island[data-hydrated] button.like");
      const output = editor.locator("p.likes output");
      assert.equal(await output.textContent(), "0 likes");
      await editor.click("button.like");
      await output.filter({ hasText: /^1 like$/ }).waitFor();
      await editor.reload();
      assert.equal(await output.textContent(), "1 like");
    });

    await step("the editor logs out from the header", async () => {
      await editor.locator("header.site button", { hasText: "Log out" }).click();
      await editor.locator("header.site nav a", { hasText: "Log in" }).waitFor();
      assert.equal(new URL(editor.url()).pathname, "/");
      assert.equal(await editor.locator("header.site .who").count(), 0);
    });

    await step("no console error, page error or CSP violation on any page", async () => {
      const problems: string[] = [];
      for (const w of watched) {
        const left = [...w.problems];
        for (const message of w.expected) {
          const at = left.indexOf(message);
          if (at >= 0) left.splice(at, 1);
        }
        problems.push(...left);
        for (const v of await violations(w.page)) problems.push(`${w.name} CSP violation: ${v}`);
      }
      assert.deepEqual(problems, []);
    });
  } catch (error) {
    await screenshots("blog_browser", watched);
    throw error;
  } finally {
    await browser?.close();
    await blog?.stop();
    await db.drop();
  }
});
