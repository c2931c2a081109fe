// deno run -A bench/blog_inprocess.ts: the blog's post page against its raw limit
// (bench/servers/blog_raw.tsx) in one process, without sockets or wrk: both handlers are called
// in a loop at a fixed concurrency, in interleaved rounds, and each side's milliseconds per
// request (wall clock) and microseconds of this process's CPU per request are reported, with
// their ratios. On a shared machine the CPU figure is the steadier one. For quick A/B decisions and CPU profiles; the figure of
// record is bench/blog.ts. The blog runs in production mode on a fresh PostgreSQL database
// (DATABASE_URL's server) with Redis (REDIS_URL), seeded as bench/blog.ts seeds it.
// Settings: BENCH_ROUNDS (default 8), BENCH_REQUESTS (per side and round, default 2000),
// BENCH_CONCURRENCY (default 16), BENCH_ONLY ("plinth" or "raw": run one side only, as long as
// the rounds last, for `deno run --cpu-prof`).
import process from "node:process";
import { createBlog } from "../examples/blog/mod.ts";
import { prepare, productionEnv, REDIS, serverDatabase } from "../tests/fixtures/blog_server.ts";
import { configureRawLimit, median, seedBlog } from "./_blog.ts";
import type { Handler } from "./_scenario.ts";
import { setting } from "./_setting.ts";

const rounds = setting("BENCH_ROUNDS", 8, 1);
const requests = setting("BENCH_REQUESTS", 2000, 1);
const concurrency = setting("BENCH_CONCURRENCY", 16, 1);
const only = Deno.env.get("BENCH_ONLY") ?? "";
if (!["", "plinth", "raw"].includes(only)) {
  throw new Error(`Cannot read BENCH_ONLY="${only}": use "plinth" or "raw"`);
}
const INFO: Deno.ServeHandlerInfo = {
  remoteAddr: { transport: "tcp", hostname: "127.0.0.1", port: 40000 },
  completed: Promise.resolve(),
};

/** One side's figures in one round, per request. */
interface Figures {
  ms: number;
  cpuUs: number;
}

/** Wall-clock and CPU time per request of `handler` on `url`, `concurrency` requests at a time. */
async function measure(handler: Handler, url: string, count: number): Promise<Figures> {
  let left = count;
  const worker = async () => {
    while (left-- > 0) {
      const res = await handler(new Request(url), INFO);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    }
  };
  const start = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const used = process.cpuUsage(cpu);
  return { ms: (performance.now() - start) / count, cpuUs: (used.user + used.system) / count };
}

const db = await serverDatabase();
const env = productionEnv(db, REDIS);
const app = (() => {
  for (const [name, value] of Object.entries(env)) Deno.env.set(name, value);
  return createBlog({ seed: false });
})();
let server: Deno.HttpServer | undefined;
try {
  await prepare(env);
  await app.boot();
  server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, app.fetch);
  const origin = `http://127.0.0.1:${(server.addr as Deno.NetAddr).port}`;
  const seeded = await seedBlog(origin);
  const url = `http://127.0.0.1/posts/${seeded.detail}`;
  const page = await (await fetch(`${origin}/posts/${seeded.detail}`)).text();
  await server.shutdown();
  server = undefined;
  configureRawLimit(page, db.url);
  const raw = await (await import("./servers/blog_raw.tsx")).default();
  const unnonced = (text: string) =>
    text.replace(/nonce="[^"]+"/g, 'nonce=""').replace(/'nonce-[^']+'/g, "'nonce-'");
  const [a, b] = await Promise.all([
    app.fetch(new Request(url), INFO),
    raw(new Request(url), INFO),
  ]);
  if (unnonced(await a.text()) !== unnonced(await b.text())) {
    throw new Error("The raw post page differs from the blog's");
  }
  const sides: [string, Handler][] = [["plinth", app.fetch], ["raw", raw]];
  const measured = sides.filter(([name]) => only === "" || only === name);
  for (const [, handler] of measured) await measure(handler, url, 500);
  const runs = new Map<string, Figures[]>(measured.map(([name]) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? measured : [...measured].reverse();
    for (const [name, handler] of order) {
      runs.get(name)!.push(await measure(handler, url, requests));
    }
  }
  const show = (values: number[], digits: number) =>
    values.map((v) => v.toFixed(digits)).join(", ");
  for (const [name, figures] of runs) {
    const ms = figures.map((f) => f.ms);
    const cpu = figures.map((f) => f.cpuUs);
    console.log(`${name}: ${median(ms).toFixed(3)} ms/request (rounds: ${show(ms, 3)})`);
    console.log(`${name}: ${median(cpu).toFixed(0)} us CPU/request (rounds: ${show(cpu, 0)})`);
  }
  if (only === "") {
    const [plinth, raw] = [runs.get("plinth")!, runs.get("raw")!];
    for (const what of ["ms", "cpuUs"] as const) {
      const ratios = plinth.map((f, i) => raw[i][what] / f[what]);
      console.log(
        `raw/plinth ${what === "ms" ? "time" : "CPU"} ratio (Plinth throughput / raw's): ` +
          `${median(ratios).toFixed(2)} (rounds: ${show(ratios, 2)})`,
      );
    }
  }
} finally {
  await server?.shutdown();
  await app.close();
  await db.drop();
}
Deno.exit(0);
