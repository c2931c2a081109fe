// Two production blog processes on one PostgreSQL database and one Redis: a session opened on
// one is valid on the other and ends on both at logout, and a post published through one
// invalidates the home page the other cached. Then one `deno serve --parallel` start.
import assert from "node:assert/strict";
import {
  type BlogProcess,
  prepare,
  productionEnv,
  serverDatabase,
  STAFF,
  startBlog,
} from "./fixtures/blog_server.ts";

/** The value of the `csrf_token` hidden input of a rendered form. */
function csrfToken(html: string): string {
  const input = html.match(/<input[^>]*name="csrf_token"[^>]*>/)?.[0];
  const token = input?.match(/value="([^"]+)"/)?.[1];
  assert.ok(token, "the page has no csrf_token input");
  return token;
}

/** `name=value` of every cookie a response sets, for a later `cookie` header. */
function cookiesOf(res: Response): string {
  return res.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
}

/** Logs the staff user in on `blog`: the session cookie, and a CSRF token for that session. */
async function logIn(blog: BlogProcess): Promise<{ cookie: string; csrf: string }> {
  const form = await fetch(`${blog.origin}/login`);
  assert.equal(form.status, 200);
  const anonymous = cookiesOf(form);
  const body = new URLSearchParams({ ...STAFF, csrf_token: csrfToken(await form.text()) });
  const res = await fetch(`${blog.origin}/login?next=/staff/`, {
    method: "POST",
    body,
    headers: { cookie: anonymous },
    redirect: "manual",
  });
  await res.body?.cancel();
  assert.equal(res.status, 303, "the login was refused");
  assert.equal(res.headers.get("location"), "/staff/");
  const cookie = cookiesOf(res);
  assert.match(cookie, /plinth_session=/);
  // Logging in rotates the CSRF secret: take a token from a form rendered for the new session.
  const editor = await fetch(`${blog.origin}/staff/posts/new`, { headers: { cookie } });
  assert.equal(editor.status, 200);
  return { cookie, csrf: csrfToken(await editor.text()) };
}

/**
 * Stops `blog` with SIGTERM; a process still running after `graceMs` is killed and reported,
 * instead of hanging the test run. Not a timing assertion: only a guard against a hang.
 */
async function stopOrKill(blog: BlogProcess, graceMs = 20_000): Promise<Deno.CommandStatus> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<"hung">((resolve) => timer = setTimeout(() => resolve("hung"), graceMs));
  const stopped = blog.stop();
  const first = await Promise.race([stopped, hung]);
  clearTimeout(timer);
  if (first !== "hung") return first;
  blog.child.kill("SIGKILL");
  await stopped;
  throw new Error(`the blog did not exit after SIGTERM:\n${blog.lines.slice(-5).join("\n")}`);
}

async function get(
  blog: BlogProcess,
  path: string,
  cookie?: string,
): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(`${blog.origin}${path}`, {
    headers: cookie === undefined ? {} : { cookie },
    redirect: "manual",
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** The anonymous home page of `blog`, served from its page cache (`Age` set). */
async function cachedHome(blog: BlogProcess): Promise<string> {
  await get(blog, "/");
  // The cache tag "posts" lives under the blog's fixed prefix, shared with every blog process
  // on this Redis: a test running beside this one may invalidate it between the two visits.
  // A few visits bound that; one hit proves this process serves its page from Redis.
  for (let visit = 0; visit < 5; visit++) {
    const home = await get(blog, "/");
    assert.equal(home.status, 200);
    if (home.headers.get("age") !== null) return home.text;
  }
  assert.fail("the home page was never served from the cache");
}

Deno.test("two blog processes share sessions and page-cache invalidation", async () => {
  const db = await serverDatabase();
  const started: BlogProcess[] = [];
  try {
    const env = productionEnv(db);
    await prepare(env);
    started.push(await startBlog(env), await startBlog(env));
    const [a, b] = started;
    assert.notEqual(a.origin, b.origin);

    // (a) A session opened on A is valid on B.
    const staff = await logIn(a);
    const area = await get(b, "/staff/", staff.cookie);
    assert.equal(area.status, 200);
    assert.match(area.text, /editor/);

    // (b) B caches its home page; a post published through A shows on B's next anonymous visit.
    const before = await cachedHome(b);
    const title = `Published through A ${crypto.randomUUID().slice(0, 8)}`;
    assert.ok(!before.includes(title));
    const created = await fetch(`${a.origin}/api/posts`, {
      method: "POST",
      headers: {
        cookie: staff.cookie,
        "content-type": "application/json",
        "x-csrf-token": staff.csrf,
      },
      body: JSON.stringify({ title, body: "Written on A.", tags: ["two"], published: true }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const post = await created.json();
    assert.equal(post.title, title);
    const after = await get(b, "/");
    assert.equal(after.status, 200);
    assert.ok(after.text.includes(title), "B still serves the home page cached before the post");
    const detail = await get(b, `/posts/${post.slug}`);
    assert.equal(detail.status, 200);
    assert.ok(detail.text.includes("Written on A."));

    // (c) Logging out on A ends the session on B too.
    const out = await fetch(`${a.origin}/logout`, {
      method: "POST",
      headers: { cookie: staff.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf_token: staff.csrf }),
      redirect: "manual",
    });
    await out.body?.cancel();
    assert.equal(out.status, 303);
    const gone = await get(b, "/staff/", staff.cookie);
    assert.equal(gone.status, 302);
    assert.equal(gone.headers.get("location"), "/login?next=%2Fstaff%2F");
    // The page cache still answers A's anonymous visitors after the logout.
    assert.equal((await get(a, "/")).status, 200);
  } finally {
    try {
      const statuses = await Promise.all(started.map((blog) => stopOrKill(blog)));
      for (const status of statuses) assert.equal(status.code, 0);
    } finally {
      await db.drop();
    }
  }
});

Deno.test("the blog under deno serve --parallel answers", async () => {
  const db = await serverDatabase();
  let blog: BlogProcess | undefined;
  try {
    const env = productionEnv(db);
    await prepare(env);
    blog = await startBlog(env, { parallel: true });
    const token = await fetch(`${blog.origin}/api/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(STAFF),
    });
    assert.equal(token.status, 201);
    const bearer = { authorization: `Bearer ${(await token.json()).token}` };
    const title = `Served in parallel ${crypto.randomUUID().slice(0, 8)}`;
    const created = await fetch(`${blog.origin}/api/posts`, {
      method: "POST",
      headers: { ...bearer, "content-type": "application/json" },
      body: JSON.stringify({ title, body: "Any worker.", tags: ["parallel"], published: true }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const { slug } = await created.json();
    // Several requests, so that they spread over the workers; each must see the post.
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => [
        get(blog!, "/"),
        get(blog!, `/posts/${slug}`),
        get(blog!, "/api/posts?tag=parallel"),
        get(blog!, "/healthz"),
      ]).flat(),
    );
    for (const answer of answers) assert.equal(answer.status, 200, answer.text);
    for (const [i, answer] of answers.entries()) {
      if (i % 4 === 0 || i % 4 === 1) assert.ok(answer.text.includes(title));
      if (i % 4 === 2) assert.equal(JSON.parse(answer.text).count, 1);
    }
  } finally {
    try {
      if (blog !== undefined) assert.equal((await stopOrKill(blog)).code, 0);
    } finally {
      await db.drop();
    }
  }
});
