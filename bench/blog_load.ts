// deno run -A bench/blog_load.ts: the load test. The production blog (`deno serve`, one process,
// pinned to CPU 0) on PostgreSQL and Redis, 20 posts; a load generator in a separate Deno
// process (this file with --generate, pinned to CPU 1) keeps LOAD_CONNECTIONS (default 1,000)
// keep-alive connections busy for LOAD_SECONDS (default 60) with a mix: 30% anonymous home,
// 50% anonymous post pages, 20% likes (`POST /api/posts/:slug/like`) with the bearer tokens of 4
// users. The generator stops sending at the deadline and waits for every answer, so its counts
// are exact: the check is that the likes in the database add up to the 200 answers to likes. It
// also reports errors by kind and p50/p99; the parent samples the server's RSS (VmRSS) and open
// connections every 5 s. Exits 1 when a check fails: any error or non-2xx, likes that do not
// add up, or RSS growing by more than 20% after warm-up.
import postgres from "postgres";
import {
  manage,
  prepare,
  productionEnv,
  serverDatabase,
  STAFF,
  startBlog,
} from "../tests/fixtures/blog_server.ts";
import { apiToken, median, pinProcess, seedBlog } from "./_blog.ts";
import { setting } from "./_setting.ts";

interface Plan {
  origin: string;
  seconds: number;
  connections: number;
  slugs: string[];
  tokens: string[];
}

interface Counts {
  requests: number;
  statuses: Record<string, number>;
  errors: Record<string, number>;
  likesSent: number;
  likesOk: number;
  byKind: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  seconds: number;
}

if (Deno.args[0] === "--generate") {
  console.log(JSON.stringify(await generate(JSON.parse(Deno.args[1]) as Plan)));
  Deno.exit(0);
}

/** Runs the plan's workers until the deadline, then waits for every request in flight. */
async function generate(plan: Plan): Promise<Counts> {
  const client = Deno.createHttpClient({ poolMaxIdlePerHost: plan.connections, http2: false });
  const counts: Counts = {
    requests: 0,
    statuses: {},
    errors: {},
    likesSent: 0,
    likesOk: 0,
    byKind: { home: 0, post: 0, like: 0 },
    p50Ms: 0,
    p99Ms: 0,
    maxMs: 0,
    seconds: 0,
  };
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + plan.seconds * 1000;
  const worker = async (id: number) => {
    for (let n = id; performance.now() < deadline; n++) {
      const kind = n % 10 < 3 ? "home" : n % 10 < 8 ? "post" : "like";
      const slug = plan.slugs[(n * 7) % plan.slugs.length];
      const init: RequestInit & { client: Deno.HttpClient } = { client };
      let path = "/";
      if (kind === "post") path = `/posts/${slug}`;
      if (kind === "like") {
        path = `/api/posts/${slug}/like`;
        init.method = "POST";
        init.headers = {
          accept: "application/json",
          authorization: `Bearer ${plan.tokens[n % plan.tokens.length]}`,
        };
        counts.likesSent++;
      }
      counts.byKind[kind]++;
      const begun = performance.now();
      try {
        const res = await fetch(plan.origin + path, init);
        const body = await res.text();
        latencies.push(performance.now() - begun);
        counts.statuses[res.status] = (counts.statuses[res.status] ?? 0) + 1;
        if (kind === "like" && res.status === 200 && body.startsWith('{"likes":')) {
          counts.likesOk++;
        }
      } catch (error) {
        const name = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        counts.errors[name.slice(0, 120)] = (counts.errors[name.slice(0, 120)] ?? 0) + 1;
      }
      counts.requests++;
    }
  };
  await Promise.all(Array.from({ length: plan.connections }, (_, i) => worker(i)));
  counts.seconds = (performance.now() - started) / 1000;
  client.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  counts.p50Ms = at(0.5) ?? 0;
  counts.p99Ms = at(0.99) ?? 0;
  counts.maxMs = latencies.at(-1) ?? 0;
  return counts;
}

const seconds = setting("LOAD_SECONDS", 60, 5);
const connections = setting("LOAD_CONNECTIONS", 1000, 1);
const warmupSeconds = Math.min(15, Math.max(5, Math.floor(seconds / 4)));
const USERS = 4;
const db = await serverDatabase();
const env = productionEnv(db);
const failures: string[] = [];
const lines: string[] = [];
try {
  await prepare(env);
  const users: { username: string; password: string }[] = [{ ...STAFF }];
  for (let i = 1; i < USERS; i++) {
    const user = { username: `load${i}`, password: `load passphrase number ${i}` };
    await manage(
      env,
      "createsuperuser",
      "--username",
      user.username,
      "--email",
      `load${i}@example.com`,
      "--password",
      user.password,
    );
    users.push(user);
  }
  const blog = await startBlog(env);
  const pid = blog.child.pid;
  try {
    const pinned = navigator.hardwareConcurrency >= 2 && await pinProcess(pid, "0");
    const { slugs } = await seedBlog(blog.origin, 20, 0);
    const tokens = [];
    for (const user of users) {
      tokens.push(await apiToken(blog.origin, user.username, user.password));
    }
    const port = new URL(blog.origin).port;
    const idleRss = await rss(pid);
    const plan: Plan = { origin: blog.origin, seconds, connections, slugs, tokens };
    const args = [
      "run",
      "-A",
      new URL(import.meta.url).pathname,
      "--generate",
      JSON.stringify(plan),
    ];
    const command = pinned ? "taskset" : Deno.execPath();
    const generator = new Deno.Command(command, {
      args: pinned ? ["-c", "1", Deno.execPath(), ...args] : args,
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    console.error(
      `Load: ${connections} connections for ${seconds} s on ${blog.origin} (pid ${pid}); ` +
        `${pinned ? "server on CPU 0, generator on CPU 1" : "unpinned"}; RSS every 5 s`,
    );
    const samples: { at: number; rssKiB: number; connections: number }[] = [];
    const output = generator.output();
    const begun = performance.now();
    let done = false;
    output.finally(() => done = true);
    while (!done) {
      await Promise.race([output, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (done) break;
      const sample = {
        at: (performance.now() - begun) / 1000,
        rssKiB: await rss(pid),
        connections: await established(port),
      };
      samples.push(sample);
      console.error(
        `  ${sample.at.toFixed(0)} s: RSS ${
          (sample.rssKiB / 1024).toFixed(1)
        } MiB, ${sample.connections} connections`,
      );
    }
    const out = await output;
    if (!out.success) throw new Error("The load generator failed");
    const counts = JSON.parse(new TextDecoder().decode(out.stdout)) as Counts;
    const endRss = await rss(pid);
    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    const [{ total }] = await sql`SELECT COALESCE(SUM(likes), 0)::int AS total FROM blog_post`;
    await sql.end();
    const errors = Object.values(counts.errors).reduce((a, b) => a + b, 0);
    const ok = Object.entries(counts.statuses).filter(([s]) => s.startsWith("2"))
      .reduce((a, [, n]) => a + n, 0);
    const non2xx = counts.requests - errors - ok;
    const server5xx = Object.entries(counts.statuses).filter(([s]) => s.startsWith("5"))
      .reduce((a, [, n]) => a + n, 0);
    const warm = samples.find((s) => s.at >= warmupSeconds) ?? samples[0];
    const growth = warm === undefined ? 0 : (endRss - warm.rssKiB) / warm.rssKiB;
    const peak = Math.max(0, ...samples.map((s) => s.connections));
    lines.push(
      "| figure | value |",
      "|---|--:|",
      `| duration (s) | ${counts.seconds.toFixed(1)} |`,
      `| connections (asked / most established at the server) | ${connections} / ${peak} |`,
      `| requests (home / post / like) | ${counts.requests} (${counts.byKind.home} / ${counts.byKind.post} / ${counts.byKind.like}) |`,
      `| req/s | ${Math.round(counts.requests / counts.seconds)} |`,
      `| latency p50 / p99 / max | ${counts.p50Ms.toFixed(1)} / ${counts.p99Ms.toFixed(1)} / ${
        counts.maxMs.toFixed(1)
      } ms |`,
      `| socket errors | ${errors} ${errors ? JSON.stringify(counts.errors) : ""} |`,
      `| statuses | ${JSON.stringify(counts.statuses)} |`,
      `| non-2xx / 5xx | ${non2xx} / ${server5xx} |`,
      `| likes: sent / 200 answers / sum in database | ${counts.likesSent} / ${counts.likesOk} / ${total} |`,
      `| RSS before the load (booted, seeded) | ${mib(idleRss)} |`,
      `| RSS after warm-up (${warm?.at.toFixed(0) ?? "?"} s) / at the end / growth | ${
        mib(warm?.rssKiB ?? 0)
      } / ${mib(endRss)} / ${(growth * 100).toFixed(1)}% |`,
      `| RSS samples (MiB) | ${samples.map((s) => (s.rssKiB / 1024).toFixed(0)).join(", ")} |`,
      `| median established connections | ${
        median(samples.map((s) => s.connections).concat([0]))
      } |`,
    );
    if (errors > 0) failures.push(`${errors} socket errors`);
    if (non2xx > 0) failures.push(`${non2xx} non-2xx answers (${server5xx} 5xx)`);
    if (total !== counts.likesOk) {
      failures.push(`likes in database ${total} != ${counts.likesOk} answered`);
    }
    if (counts.likesOk !== counts.likesSent) {
      failures.push(`${counts.likesSent - counts.likesOk} likes not answered 200`);
    }
    if (growth > 0.2) failures.push(`RSS grew ${(growth * 100).toFixed(1)}% after warm-up`);
  } finally {
    const status = await blog.stop();
    if (!status.success && status.signal !== "SIGTERM") {
      failures.push(`the blog exited with ${status.code}`);
    }
  }
} finally {
  await db.drop();
}
console.log(
  `\n${lines.join("\n")}\n\n${
    failures.length === 0 ? "All checks passed." : `FAILED: ${failures.join("; ")}`
  }`,
);
Deno.exit(failures.length === 0 ? 0 : 1);

function mib(kib: number): string {
  return `${(kib / 1024).toFixed(1)} MiB`;
}

async function rss(pid: number): Promise<number> {
  const status = await Deno.readTextFile(`/proc/${pid}/status`);
  return Number(status.match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? 0);
}

/** Established TCP connections whose local port is the server's, from /proc/net/tcp. */
async function established(port: string): Promise<number> {
  const hex = Number(port).toString(16).toUpperCase().padStart(4, "0");
  const table = await Deno.readTextFile("/proc/net/tcp");
  return table.split("\n").filter((line) => {
    const cols = line.trim().split(/\s+/);
    return cols[1]?.endsWith(`:${hex}`) && cols[3] === "01";
  }).length;
}
