// deno task bench:duel [-- filter...]: for each target of the scenarios (such as Plinth vs raw),
// loads the two servers at the same time, both pinned to one CPU, with one wrk each on the other.
// The scheduler shares that CPU between them, so a server that costs less per request serves
// more, and a slow spell of a shared machine hits both alike: the ratio of their requests is
// steadier than that of runs taken in turn (`deno task bench`, the figures the issues name).
// Settings: BENCH_DURATION (seconds per round, default 4), BENCH_ROUNDS (default 5),
// BENCH_CONNECTIONS (per server, default 32).
import { pinning } from "./_cpu.ts";
import { median } from "./_report.ts";
import type { Scenario } from "./_scenario.ts";
import { loadScenarios } from "./_scenarios.ts";
import { ServerProcess } from "./_server_process.ts";
import { setting } from "./_setting.ts";
import { verifySameResponse } from "./_verify.ts";
import { ensureWrk, runWrk } from "./_wrk.ts";

const seconds = setting("BENCH_DURATION", 4, 1);
const rounds = setting("BENCH_ROUNDS", 5, 1);
const connections = setting("BENCH_CONNECTIONS", 32, 1);

const filters = Deno.args.filter((arg) => arg !== "--").map((arg) => arg.toLowerCase());
const scenarios = (await loadScenarios()).filter((s) =>
  (s.targets ?? []).length > 0 &&
  (filters.length === 0 || filters.some((f) => s.name.toLowerCase().includes(f)))
);
if (scenarios.length === 0) {
  throw new Error(`No scenario with targets matches ${filters.join(", ")}`);
}
await ensureWrk();
const pins = await pinning();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, () => {
    ServerProcess.stopAll().finally(() => Deno.exit(130));
  });
}

const lines = [
  "| scenario | pair | req ratio | cost ratio | per-round req ratios | target |",
  "|---|---|--:|--:|---|---|",
];
for (const scenario of scenarios) {
  for (const target of scenario.targets ?? []) lines.push(await duel(scenario, target));
}
const table = lines.join("\n");
console.log(`\n${table}\n`);
const out = new URL("./results/duel.md", import.meta.url);
await Deno.mkdir(new URL("./", out), { recursive: true });
await Deno.writeTextFile(
  out,
  `# Plinth duels\n\n${new Date().toISOString()}; deno ${Deno.version.deno}; ${rounds} rounds ` +
    `of ${seconds} s, two wrk -t1 -c${connections} at once; ${pins.note}. Req ratio: requests ` +
    "served by the first server over the second, median of the rounds. Cost ratio: the " +
    "second's CPU time per request over the first's.\n\n" + table + "\n",
);
console.error(`Wrote ${out.pathname}`);

async function duel(
  scenario: Scenario,
  target: { label: string; against: string; ratio: number },
): Promise<string> {
  const pair = [target.label, target.against].map((label) =>
    scenario.servers.find((s) => s.label === label)!
  );
  const method = scenario.method ?? "GET";
  console.error(`\n${scenario.name}: ${target.label} vs ${target.against}`);
  const servers: ServerProcess[] = [];
  try {
    for (const { label, module } of pair) {
      servers.push(
        await ServerProcess.start(label, module, { prefix: pins.server, path: scenario.path }),
      );
    }
    await verifySameResponse(servers, scenario.path, method);
    const load = (s: number) =>
      Promise.all(
        servers.map((server) =>
          runWrk(server.origin + scenario.path, {
            seconds: s,
            connections,
            method,
            prefix: pins.load,
          })
        ),
      );
    await load(2);
    const reqRatios: number[] = [];
    const costRatios: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const before = await Promise.all(servers.map((s) => s.cpuSeconds()));
      const [a, b] = await load(seconds);
      const after = await Promise.all(servers.map((s) => s.cpuSeconds()));
      reqRatios.push(a.rps / b.rps);
      const cost = (i: number, rps: number) => (after[i]! - before[i]!) / (rps * seconds);
      if (before.every((t) => t !== undefined)) costRatios.push(cost(1, b.rps) / cost(0, a.rps));
      console.error(
        `  round ${round + 1}: ${Math.round(a.rps)} vs ${Math.round(b.rps)} req/s, ratio ${
          reqRatios.at(-1)!.toFixed(3)
        }`,
      );
    }
    const ratio = median(reqRatios);
    const cost = costRatios.length > 0 ? median(costRatios).toFixed(2) : "—";
    const met = ratio >= target.ratio ? "met" : "NO";
    return `| ${scenario.name} | ${target.label} / ${target.against} | ${ratio.toFixed(2)} | ` +
      `${cost} | ${reqRatios.map((r) => r.toFixed(2)).join(", ")} | ${met} (≥ ${target.ratio}) |`;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}
