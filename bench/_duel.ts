// Duels: for each pair of a scenario (such as Plinth vs raw), the two servers are loaded at the
// same time, both pinned to one CPU, with one wrk each on the other. The scheduler shares that CPU
// between them, so a server that costs less per request serves more, and a slow spell of a shared
// machine hits both alike: the ratio of their requests is steadier than that of runs in turn.
import type { Pinning } from "./_cpu.ts";
import { median } from "./_report.ts";
import { type DuelPair, duelPairs, type Scenario } from "./_scenario.ts";
import { ServerProcess } from "./_server_process.ts";
import { setting } from "./_setting.ts";
import { verifySameResponse } from "./_verify.ts";
import { runWrk } from "./_wrk.ts";

/** Duel settings: BENCH_DUEL_DURATION, BENCH_DUEL_ROUNDS, BENCH_DUEL_CONNECTIONS. */
const settings = {
  seconds: setting("BENCH_DUEL_DURATION", 4, 1),
  rounds: setting("BENCH_DUEL_ROUNDS", 5, 1),
  connections: setting("BENCH_DUEL_CONNECTIONS", 32, 1),
};

/** About how long one duel takes, in seconds: warm-up, rounds and starting the servers. */
export function duelSeconds(): number {
  return 2 + settings.rounds * (settings.seconds + 0.2) + 3;
}

/** Runs a duel for every pair of `scenarios` and returns the report as Markdown. */
export async function duels(scenarios: readonly Scenario[], pins: Pinning): Promise<string> {
  const lines = [
    "| scenario | pair | req ratio | cost ratio | per-round req ratios | target |",
    "|---|---|--:|--:|---|---|",
  ];
  for (const scenario of scenarios) {
    for (const pair of duelPairs(scenario)) lines.push(await duel(scenario, pair, pins));
  }
  return `${settings.rounds} rounds of ${settings.seconds} s, two wrk -t1 ` +
    `-c${settings.connections} at once; ${pins.note}. Req ratio: requests served by the first ` +
    "server over the second, median of the rounds. Cost ratio: the second's CPU time per " +
    "request over the first's.\n\n" + lines.join("\n");
}

async function duel(
  scenario: Scenario,
  pair: DuelPair,
  pins: Pinning,
): Promise<string> {
  const entries = [pair.label, pair.against].map((label) =>
    scenario.servers.find((s) => s.label === label)!
  );
  const method = scenario.method ?? "GET";
  console.error(`\nduel, ${scenario.name}: ${pair.label} vs ${pair.against}`);
  const servers: ServerProcess[] = [];
  try {
    for (const { label, module } of entries) {
      servers.push(
        await ServerProcess.start(label, module, { prefix: pins.server, path: scenario.path }),
      );
    }
    await verifySameResponse(servers, scenario.path, method);
    const load = (seconds: number) =>
      Promise.all(servers.map((server) =>
        runWrk(server.origin + scenario.path, {
          seconds,
          connections: settings.connections,
          method,
          prefix: pins.load,
        })
      ));
    await load(2);
    const reqRatios: number[] = [];
    const costRatios: number[] = [];
    for (let round = 0; round < settings.rounds; round++) {
      const before = await Promise.all(servers.map((s) => s.cpuSeconds()));
      const [a, b] = await load(settings.seconds);
      const after = await Promise.all(servers.map((s) => s.cpuSeconds()));
      reqRatios.push(a.rps / b.rps);
      const cost = (i: number, rps: number) => (after[i]! - before[i]!) / (rps * settings.seconds);
      if (before.every((t) => t !== undefined)) costRatios.push(cost(1, b.rps) / cost(0, a.rps));
      console.error(
        `  round ${round + 1}: ${Math.round(a.rps)} vs ${Math.round(b.rps)} req/s, ratio ${
          reqRatios.at(-1)!.toFixed(3)
        }`,
      );
    }
    const ratio = median(reqRatios);
    const cost = costRatios.length > 0 ? median(costRatios).toFixed(2) : "—";
    const met = pair.ratio === undefined
      ? "reference"
      : `${ratio >= pair.ratio ? "met" : "NO"} (≥ ${pair.ratio})`;
    return `| ${scenario.name} | ${pair.label} / ${pair.against} | ${ratio.toFixed(2)} | ` +
      `${cost} | ${reqRatios.map((r) => r.toFixed(2)).join(", ")} | ${met} |`;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}
