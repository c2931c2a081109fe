// deno run -A bench/blog.ts: the blog example end to end, as it is deployed: `deno serve` on
// examples/blog/main.ts in production mode (a separate process, pinned to CPU 0, wrk on CPU 1),
// once on PGlite (memory cache) and once on PostgreSQL (Redis cache), each database filled with
// 20 posts with tags and 5 comments on the post read. Scenarios: anonymous home (page-cache
// hit), post detail (3 queries + SSR), the same post logged in (session + user + 3 queries +
// SSR), and the API list. The limit: the same post page written with raw Deno.serve, postgres.js
// and preact-render-to-string (bench/servers/blog_raw.tsx) on the same PostgreSQL database,
// checked to send the same HTML. Rounds interleave every server. Settings: BENCH_DURATION
// (seconds measured per run, default 5), BENCH_WARMUP (default 2), BENCH_ROUNDS (default 2),
// BENCH_CONNECTIONS (default 64). Writes bench/results/blog.md.
import {
  type BlogProcess,
  pgliteDatabase,
  prepare,
  productionEnv,
  REDIS,
  serverDatabase,
  startBlog,
  type TestDatabase,
} from "../tests/fixtures/blog_server.ts";
import { pinning } from "./_cpu.ts";
import {
  configureRawLimit,
  median,
  pinProcess,
  runWrk,
  seedBlog,
  type WrkResult,
} from "./_blog.ts";
import { ServerProcess } from "./_server_process.ts";
import { ensureWrk } from "./_wrk.ts";
import { setting } from "./_setting.ts";

const settings = {
  seconds: setting("BENCH_DURATION", 5, 1),
  warmup: setting("BENCH_WARMUP", 2, 0),
  rounds: setting("BENCH_ROUNDS", 2, 1),
  connections: setting("BENCH_CONNECTIONS", 64, 1),
};
const RATIO_TARGET = 0.8;

interface Target {
  database: string;
  scenario: string;
  url: string;
  headers?: Record<string, string>;
  runs: WrkResult[];
}

await ensureWrk();
const pins = await pinning();
const databases: TestDatabase[] = [];
const blogs: BlogProcess[] = [];
let raw: ServerProcess | undefined;
const targets: Target[] = [];
let rawTarget: Target | undefined;
let plinthDetail: Target | undefined;
/** Per database, the post page anonymous and logged in: the session's cost on a real page. */
const sessionPairs: { database: string; anonymous: Target; loggedIn: Target }[] = [];
const notes: string[] = [];

try {
  for (const database of ["PGlite", "PostgreSQL"] as const) {
    const db = database === "PGlite" ? await pgliteDatabase() : await serverDatabase();
    databases.push(db);
    const env = productionEnv(db, database === "PGlite" ? "" : REDIS);
    await prepare(env);
    const blog = await startBlog(env);
    blogs.push(blog);
    if (pins.server.length > 0 && !await pinProcess(blog.child.pid, "0")) {
      throw new Error(`Cannot pin the blog (pid ${blog.child.pid}) to CPU 0`);
    }
    const seeded = await seedBlog(blog.origin);
    const post = `${blog.origin}/posts/${seeded.detail}`;
    const add = (scenario: string, url: string, headers?: Record<string, string>) => {
      const target = { database, scenario, url, headers, runs: [] };
      targets.push(target);
      return target;
    };
    add("anonymous home (page-cache hit)", `${blog.origin}/`);
    const detail = add("post detail (3 queries + SSR)", post);
    const loggedIn = add("post detail, logged in (session + SSR)", post, {
      cookie: seeded.cookie,
    });
    sessionPairs.push({ database, anonymous: detail, loggedIn });
    add("API list /api/posts", `${blog.origin}/api/posts`);
    await checkBlog(blog.origin, post, seeded.cookie);
    if (database === "PostgreSQL") {
      plinthDetail = detail;
      const page = await (await fetch(post)).text();
      configureRawLimit(page, db.url);
      raw = await ServerProcess.start("raw", "servers/blog_raw.tsx", {
        prefix: pins.server,
        path: `/posts/${seeded.detail}`,
      });
      const rawUrl = `${raw.origin}/posts/${seeded.detail}`;
      await compareWithRaw(post, rawUrl);
      rawTarget = {
        database,
        scenario: "post detail, raw Deno.serve + postgres.js + renderToString",
        url: rawUrl,
        runs: [],
      };
      targets.push(rawTarget);
    }
  }

  const minutes = Math.ceil(
    targets.length * settings.rounds * (settings.warmup + settings.seconds + 0.3) / 60,
  );
  console.error(
    `${targets.length} servers x ${settings.rounds} rounds of ${settings.warmup} s + ` +
      `${settings.seconds} s (about ${minutes} min); ${pins.note}`,
  );
  for (let round = 0; round < settings.rounds; round++) {
    const order = targets.map((_, i) => targets[(i + round * 3) % targets.length]);
    for (const target of order) {
      const load = {
        connections: settings.connections,
        headers: target.headers,
        prefix: pins.load,
      };
      if (settings.warmup > 0) await runWrk(target.url, { ...load, seconds: settings.warmup });
      const m = await runWrk(target.url, { ...load, seconds: settings.seconds });
      target.runs.push(m);
      console.error(
        `  round ${round + 1} ${target.database} / ${target.scenario}: ${Math.round(m.rps)} ` +
          `req/s, p99 ${m.p99Ms.toFixed(2)} ms${m.non2xx ? `, ${m.non2xx} non-2xx` : ""}`,
      );
    }
  }
} finally {
  await raw?.stop();
  await Promise.all(blogs.map((blog) => blog.stop()));
  for (const db of databases) await db.drop();
}

const lines = [
  "| database | scenario | req/s | p50 | p99 | errors | runs (req/s) |",
  "|---|---|--:|--:|--:|--:|---|",
];
for (const t of targets) {
  const errors = t.runs.reduce((sum, m) => {
    const s = m.socketErrors;
    return sum + m.non2xx + s.connect + s.read + s.write + s.timeout;
  }, 0);
  lines.push(
    `| ${t.database} | ${t.scenario} | ${Math.round(median(t.runs.map((m) => m.rps)))} | ` +
      `${median(t.runs.map((m) => m.p50Ms)).toFixed(2)} ms | ` +
      `${median(t.runs.map((m) => m.p99Ms)).toFixed(2)} ms | ${errors} | ` +
      `${t.runs.map((m) => Math.round(m.rps)).join(", ")} |`,
  );
}
const ratio = median(plinthDetail!.runs.map((m) => m.rps)) /
  median(rawTarget!.runs.map((m) => m.rps));
const perRound = plinthDetail!.runs.map((m, i) => (m.rps / rawTarget!.runs[i].rps).toFixed(2));
const verdict = ratio >= RATIO_TARGET ? "met" : "NOT met";
const summary = `Plinth post detail / raw (PostgreSQL): ${ratio.toFixed(2)} ` +
  `(per round: ${perRound.join(", ")}; target >= ${RATIO_TARGET}: ${verdict})`;
// The logged-in page also renders more (the comment form, the like button, the user's name):
// the ratio charges that to the session too.
const sessions = "Post page logged in / anonymous (session lookup in the database, issue #7): " +
  sessionPairs.map(({ database, anonymous, loggedIn }) => {
    const rps = (t: Target) => median(t.runs.map((m) => m.rps));
    return `${database} ${(rps(loggedIn) / rps(anonymous)).toFixed(2)}`;
  }).join(", ");
const table = lines.join("\n");
console.log(`\n${table}\n\n${summary}\n${sessions}\n${notes.map((n) => `- ${n}`).join("\n")}`);
const report = [
  "# Blog example, full stack",
  "",
  `${new Date().toISOString()}; deno ${Deno.version.deno}; \`deno serve\` examples/blog/main.ts ` +
  `in production mode (one process); wrk -t1 -c${settings.connections}; ${settings.rounds} ` +
  `rounds of ${settings.warmup} s warmup + ${settings.seconds} s, servers interleaved; ` +
  `${pins.note}; PostgreSQL and Redis unpinned. PGlite runs with the memory cache, PostgreSQL ` +
  "with Redis. 20 posts (2-3 tags each), 5 comments on the post read. Medians over the rounds.",
  "",
  table,
  "",
  summary,
  "",
  sessions,
  "",
  ...notes.map((n) => `- ${n}`),
  "",
].join("\n");
const out = new URL("./results/blog.md", import.meta.url);
await Deno.mkdir(new URL("./", out), { recursive: true });
await Deno.writeTextFile(out, report);
console.error(`Wrote ${out.pathname}`);

/** The scenarios answer what they claim: a cache hit, the post, the logged-in page, JSON. */
async function checkBlog(origin: string, post: string, cookie: string): Promise<void> {
  await (await fetch(`${origin}/`)).body?.cancel();
  const home = await fetch(`${origin}/`);
  await home.body?.cancel();
  if (home.status !== 200 || !home.headers.has("age")) {
    throw new Error(`The home is not a page-cache hit (status ${home.status}, no Age header)`);
  }
  const anonymous = await fetch(post);
  const html = await anonymous.text();
  if (anonymous.status !== 200 || !html.includes("Comments (5)")) {
    throw new Error(`The post page is not as seeded (status ${anonymous.status})`);
  }
  const mine = await fetch(post, { headers: { cookie } });
  if (mine.status !== 200 || !(await mine.text()).includes('class="who">editor<')) {
    throw new Error(`The post page is not logged in (status ${mine.status})`);
  }
  const api = await fetch(`${origin}/api/posts`);
  if (api.status !== 200 || (await api.json()).count !== 20) {
    throw new Error(`The API list does not count 20 posts (status ${api.status})`);
  }
}

/** Throws unless the raw page is the blog's byte for byte, nonces aside; notes header changes. */
async function compareWithRaw(plinthUrl: string, rawUrl: string): Promise<void> {
  const [a, b] = await Promise.all([fetch(plinthUrl), fetch(rawUrl)]);
  const unnonced = (text: string) =>
    text.replace(/nonce="[^"]+"/g, 'nonce=""').replace(/'nonce-[^']+'/g, "'nonce-'");
  const [bodyA, bodyB] = [unnonced(await a.text()), unnonced(await b.text())];
  if (a.status !== b.status || bodyA !== bodyB) {
    let at = 0;
    while (at < bodyA.length && bodyA[at] === bodyB[at]) at++;
    throw new Error(
      `The raw post page differs from the blog's (status ${a.status} vs ${b.status}) at ` +
        `${at}:\n  blog: ${bodyA.slice(at - 80, at + 120)}\n  raw:  ${
          bodyB.slice(at - 80, at + 120)
        }`,
    );
  }
  const skipped = new Set(["date", "content-length"]);
  const differ: string[] = [];
  for (const name of new Set([...a.headers.keys(), ...b.headers.keys()])) {
    if (skipped.has(name)) continue;
    const [x, y] = [a.headers.get(name), b.headers.get(name)];
    if (unnonced(x ?? "") !== unnonced(y ?? "")) differ.push(`${name} (blog ${x ? "only" : "no"})`);
  }
  notes.push(
    `Raw page checked: same status and same ${bodyA.length} bytes of HTML as the blog's (CSP ` +
      `nonces aside); headers only the blog sends: ${differ.join(", ") || "none"}.`,
  );
}
