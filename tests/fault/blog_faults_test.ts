// The production blog under faults: PostgreSQL restarted during a stream of reads and writes,
// Redis unreachable, and SIGTERM while many requests are in flight. Runs in the fault phase, on
// its own: the restart would break tests running beside it.
import assert from "node:assert/strict";
import { connect } from "@plinth/plinth/model";
import {
  type BlogProcess,
  prepare,
  productionEnv,
  REDIS,
  serverDatabase,
  STAFF,
  startBlog,
  type TestDatabase,
} from "../fixtures/blog_server.ts";

async function pgCluster(action: "restart" | "start" | "status"): Promise<Deno.CommandOutput> {
  const [version] = [...Deno.readDirSync("/etc/postgresql")].map((entry) => entry.name);
  return await new Deno.Command("pg_ctlcluster", {
    args: ["--skip-systemctl-redirect", version, "main", action],
    stdout: "null",
    stderr: "piped",
  }).output();
}

/** Rejects after `ms` with `message`: a guard against a hang, never a timing assertion. */
function deadline(ms: number, message: string): { expired: Promise<never>; clear(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  expired.catch(() => {});
  return { expired, clear: () => clearTimeout(timer) };
}

/** A production blog on a fresh server database, a bearer token, and `posts` published posts. */
async function blogWithPosts(posts: number, redis = REDIS) {
  const db = await serverDatabase();
  let blog: BlogProcess | undefined;
  try {
    const env = productionEnv(db, redis);
    await prepare(env);
    blog = await startBlog(env);
    const res = await fetch(`${blog.origin}/api/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(STAFF),
    });
    assert.equal(res.status, 201);
    const auth = { authorization: `Bearer ${(await res.json()).token}` };
    const create = async (title: string, tags: string[]) => {
      return await fetch(`${blog!.origin}/api/posts`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ title, body: `The text of ${title}.`, tags, published: true }),
      });
    };
    const slugs: string[] = [];
    for (let i = 0; i < posts; i++) {
      const created = await create(`Fault post ${i}`, ["fault", `first-${i}`, `second-${i}`]);
      assert.equal(created.status, 201);
      slugs.push((await created.json()).slug);
    }
    return { db, blog, create, slugs };
  } catch (error) {
    await blog?.stop();
    await db.drop();
    throw error;
  }
}

/** Stops the blog (it must exit cleanly) and drops its database, whatever happens. */
async function shutDown(blog: BlogProcess, db: TestDatabase): Promise<void> {
  try {
    assert.equal((await blog.stop()).code, 0, blog.lines.slice(-5).join("\n"));
  } finally {
    await db.drop();
  }
}

Deno.test("a PostgreSQL restart under load answers 503 at worst and leaves no partial post", async () => {
  const { db, blog, create, slugs } = await blogWithPosts(3);
  const statuses = new Map<number, number>();
  const errors: string[] = [];
  const created: string[] = [];
  let restarted = false;
  let running = true;
  const recovered = { read: Promise.withResolvers<void>(), write: Promise.withResolvers<void>() };
  const warm = Promise.withResolvers<void>();
  let answered = 0;
  const stream = async (send: (i: number) => Promise<Response>, success: 200 | 201) => {
    for (let i = 0; running; i++) {
      try {
        const res = await send(i);
        const body = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (++answered === 40) warm.resolve();
        if (res.status !== success) continue;
        if (success === 201) created.push(JSON.parse(body).slug);
        if (restarted) recovered[success === 201 ? "write" : "read"].resolve();
      } catch (error) {
        errors.push(String(error));
      }
    }
  };
  const guard = deadline(60_000, "the blog did not serve a read and a write after the restart");
  try {
    const loops = [0, 1, 2, 3].map((n) =>
      stream((i) => fetch(`${blog.origin}/posts/${slugs[(n + i) % slugs.length]}`), 200)
    );
    // Writers: a tag every post shares, one per writer and one of its own, 3 tags per post.
    for (const n of [0, 1]) {
      loops.push(
        stream((i) => create(`Stream ${n}-${i}`, ["stream", `w-${n}`, `p-${n}-${i}`]), 201),
      );
    }
    await warm.promise;
    const restart = await pgCluster("restart");
    assert.ok(restart.success, new TextDecoder().decode(restart.stderr));
    restarted = true;
    // The stream goes on without touching the app: it must serve reads and writes again.
    await Promise.race([
      Promise.all([recovered.read.promise, recovered.write.promise]),
      guard.expired,
    ]);
    running = false;
    await Promise.all(loops);
    assert.deepEqual(errors, []);
    const unexpected = [...statuses.keys()].filter((status) => ![200, 201, 503].includes(status));
    assert.deepEqual(unexpected, [], JSON.stringify(Object.fromEntries(statuses)));
    console.log("statuses during the restart:", Object.fromEntries(statuses));

    const check = await connect(db.url, { poolSize: 1 });
    try {
      const rows = await check.sql<{ slug: string; tags: number }>`
        SELECT p.slug, count(pt.id)::int AS tags FROM blog_post p
        LEFT JOIN blog_post_tags pt ON pt.post_id = p.id GROUP BY p.slug`;
      const partial = rows.filter((row) => row.tags !== 3);
      assert.deepEqual(partial, [], "posts saved without all their tags");
      const saved = new Set(rows.map((row) => row.slug));
      assert.deepEqual(created.filter((slug) => !saved.has(slug)), [], "a 201 post is missing");
    } finally {
      await check.close();
    }
  } finally {
    running = false;
    guard.clear();
    if (!(await pgCluster("status")).success) await pgCluster("start");
    await shutDown(blog, db);
  }
});

/** A TCP relay to Redis the test can cut (Redis unreachable) and open again. */
class RedisRelay {
  readonly port: number;
  readonly #target = new URL(REDIS);
  readonly #conns = new Set<Deno.Conn>();
  readonly #pipes: Promise<unknown>[] = [];
  #listener: Deno.Listener | undefined;
  #accepting: Promise<void> = Promise.resolve();
  /** Resolved when a client is connected through after the last {@linkcode open}. */
  connected = Promise.withResolvers<void>();

  constructor() {
    const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    this.port = (probe.addr as Deno.NetAddr).port;
    probe.close();
  }

  open(): void {
    this.connected = Promise.withResolvers<void>();
    const listener = Deno.listen({ hostname: "127.0.0.1", port: this.port });
    this.#listener = listener;
    this.#accepting = (async () => {
      try {
        for await (const client of listener) this.#pipes.push(this.#relay(client));
      } catch { /* closed */ }
    })();
  }

  async #relay(client: Deno.Conn): Promise<void> {
    const server = await Deno.connect({
      hostname: this.#target.hostname,
      port: Number(this.#target.port || 6379),
    });
    this.#conns.add(client).add(server);
    this.#pipes.push(
      client.readable.pipeTo(server.writable).catch(() => {}),
      server.readable.pipeTo(client.writable).catch(() => {}),
    );
    this.connected.resolve();
  }

  /** Stops listening and cuts every connection: Redis is gone for the app. */
  async cut(): Promise<void> {
    this.#listener?.close();
    await this.#accepting;
    for (const conn of this.#conns) {
      try {
        conn.close();
      } catch { /* already closed */ }
    }
    this.#conns.clear();
    await Promise.all(this.#pipes.splice(0));
  }
}

async function visit(origin: string, path: string) {
  const res = await fetch(`${origin}${path}`);
  return { status: res.status, hit: res.headers.has("age"), text: await res.text() };
}

Deno.test("with Redis unreachable the blog serves pages uncached and /readyz says so", async () => {
  const relay = new RedisRelay();
  relay.open();
  const { db, blog, slugs } = await blogWithPosts(1, `redis://127.0.0.1:${relay.port}`);
  try {
    const home = () => visit(blog.origin, "/");
    await home();
    assert.ok((await home()).hit, "the home page was not cached");
    await relay.cut();
    for (const path of ["/", "/", `/posts/${slugs[0]}`, "/healthz", "/api/posts"]) {
      const page = await visit(blog.origin, path);
      assert.equal(page.status, 200, `${path}: ${page.text}`);
      assert.equal(page.hit, false, `${path} was served from a cache that cannot be reached`);
    }
    assert.match((await home()).text, /Fault post 0/);
    const down = await visit(blog.origin, "/readyz");
    assert.equal(down.status, 503);
    assert.deepEqual(JSON.parse(down.text), {
      status: "unavailable",
      database: "ok",
      cache: "unavailable",
    });
    relay.open();
    await relay.connected.promise;
    // The app reconnects by itself: ask until it says so, within a bound against a hang.
    const until = Date.now() + 30_000;
    while ((await visit(blog.origin, "/readyz")).status !== 200) {
      assert.ok(Date.now() < until, "/readyz did not return to 200 after Redis came back");
    }
    await home();
    assert.ok((await home()).hit, "the home page is not cached again");
  } finally {
    await relay.cut();
    await shutDown(blog, db);
  }
});

/** Whether `fetch` failed to open its connection: the request was never sent. */
function refused(error: unknown): boolean {
  return /client error \(Connect\)/.test(String((error as Error).cause));
}

/**
 * Whether a kept-alive connection closed with no byte of an answer: a request written onto a
 * connection the server was closing as idle, which the server never read (a browser retries
 * such a GET). A request it did read and then cut would look the same, which is why the test
 * also holds the server to its own word that every request it read was answered.
 */
function closedUnanswered(error: unknown): boolean {
  return /connection closed before message completed/.test(String((error as Error).cause));
}

Deno.test("SIGTERM under load finishes every request sent before it and exits 0", async () => {
  const { db, blog, slugs } = await blogWithPosts(5);
  let signalled = false;
  // Outcomes of the requests sent before the signal; those whose connection was refused (the
  // listener closed before they connected) or closed as idle as they were written (the server
  // never read them) are counted apart.
  const before: (number | string)[] = [];
  const counts = { neverConnected: 0, closedIdle: 0, afterAnswered: 0, afterFailed: 0 };
  const warm = Promise.withResolvers<void>();
  const paths = [...slugs.map((slug) => `/posts/${slug}`), "/api/posts?pageSize=20", "/"];
  const loop = async (n: number) => {
    for (let i = n;; i++) {
      const early = !signalled;
      try {
        const res = await fetch(`${blog.origin}${paths[i % paths.length]}`);
        await res.arrayBuffer();
        if (early) before.push(res.status);
        else counts.afterAnswered++;
      } catch (error) {
        if (!early) counts.afterFailed++;
        else if (refused(error)) counts.neverConnected++;
        else if (signalled && closedUnanswered(error)) counts.closedIdle++;
        else before.push(`${error}: ${(error as Error).cause}`);
      }
      if (before.length >= 500) warm.resolve();
      if (!early) return;
    }
  };
  let status: Deno.CommandStatus | undefined;
  try {
    const loops = Array.from({ length: 50 }, (_, n) => loop(n));
    await warm.promise;
    signalled = true;
    const stopped = blog.stop("SIGTERM");
    await Promise.all(loops);
    status = await stopped;
    const failed = before.filter((outcome) => outcome !== 200);
    assert.deepEqual(failed, [], `${failed.length} of ${before.length} requests failed`);
    assert.equal(status.code, 0, blog.lines.slice(-5).join("\n"));
    const shutdown = blog.lines.find((line) => line.includes("finishing in-flight requests"));
    assert.ok(shutdown, "the blog did not log its shutdown");
    assert.ok(
      blog.lines.some((line) => line.includes("Every in-flight request finished")),
      "the blog cut requests it had read",
    );
    const { inFlight } = JSON.parse(shutdown).properties;
    console.log(`sent before SIGTERM: ${before.length} (all 200), in flight: ${inFlight}`, counts);
  } finally {
    if (status === undefined) await blog.stop("SIGKILL");
    await db.drop();
  }
});
