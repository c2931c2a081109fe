// deno task bench [-- filter...]: loads each scenario's servers in turn with wrk and reports
// median req/s, median p99 and the ratios between servers; then, for every target, runs the two
// servers side by side in a duel (_duel.ts), whose ratios a shared machine disturbs far less.
// Settings: BENCH_DURATION (seconds measured per run, default 5), BENCH_WARMUP (default 2),
// BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default 64); the duels' in _duel.ts.
import { type Pinning, pinning } from "./_cpu.ts";
import { duels, duelSeconds } from "./_duel.ts";
import { resultsTable, runsList, type ScenarioResult } from "./_report.ts";
import { duelPairs, type Scenario } from "./_scenario.ts";
import { ServerProcess } from "./_server_process.ts";
import { verifySameResponse } from "./_verify.ts";
import { loadScenarios } from "./_scenarios.ts";
import { ensureWrk, type Measurement, runWrk } from "./_wrk.ts";
import { setting } from "./_setting.ts";

const settings = {
  seconds: setting("BENCH_DURATION", 5, 1),
  warmup: setting("BENCH_WARMUP", 2, 0),
  rounds: setting("BENCH_ROUNDS", 3, 1),
  connections: setting("BENCH_CONNECTIONS", 64, 1),
};

const filters = Deno.args.filter((arg) => arg !== "--").map((arg) => arg.toLowerCase());
const scenarios = (await loadScenarios()).filter((s) =>
  filters.length === 0 || filters.some((f) => s.name.toLowerCase().includes(f))
);
if (scenarios.length === 0) throw new Error(`No scenario matches ${filters.join(", ")}`);
await ensureWrk();
const pins = await pinning();
const runs = scenarios.reduce((sum, s) => sum + s.servers.length, 0) * settings.rounds;
const pairs = scenarios.reduce((sum, s) => sum + duelPairs(s).length, 0);
const minutes = Math.ceil(
  (runs * (settings.warmup + settings.seconds + 0.5) + pairs * duelSeconds()) / 60,
);
console.error(
  `${scenarios.length} scenarios, ${runs} runs of ${settings.warmup} s + ${settings.seconds} s ` +
    `and ${pairs} duels (about ${minutes} min); ${pins.note}`,
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, () => {
    ServerProcess.stopAll().finally(() => Deno.exit(130));
  });
}

const results: ScenarioResult[] = [];
for (const scenario of scenarios) results.push(await runScenario(scenario, pins));

const table = resultsTable(results);
console.log(`\n${table}\n`);
const dueled = scenarios.filter((s) => duelPairs(s).length > 0);
const sideBySide = dueled.length > 0 ? await duels(dueled, pins) : undefined;
if (sideBySide !== undefined) console.log(`Side by side:\n\n${sideBySide}\n`);
const report = [
  "# Plinth HTTP benchmark",
  "",
  `${new Date().toISOString()}; deno ${Deno.version.deno}; wrk -t1 -c${settings.connections}; ` +
  `${settings.rounds} rounds of ${settings.warmup} s warmup + ${settings.seconds} s, ` +
  `servers interleaved; ${pins.note}. Medians over the rounds; ratios from median req/s; ` +
  "CPU: the server process's CPU time per request (user + system), and targets recomputed " +
  "from it, which leaves out the time a server waits to be scheduled on a shared machine.",
  "",
  table,
  "",
  "Runs (req/s, in round order):",
  "",
  runsList(results),
  "",
  ...(sideBySide === undefined ? [] : ["## Side by side", "", sideBySide, ""]),
].join("\n");
const out = new URL("./results/latest.md", import.meta.url);
await Deno.mkdir(new URL("./", out), { recursive: true });
await Deno.writeTextFile(out, report);
console.error(`Wrote ${out.pathname}`);

async function runScenario(scenario: Scenario, pins: Pinning): Promise<ScenarioResult> {
  const method = scenario.method ?? "GET";
  console.error(`\n${scenario.name}: ${method} ${scenario.path}`);
  const starting = await Promise.allSettled(
    scenario.servers.map(({ label, module }) =>
      ServerProcess.start(label, module, { prefix: pins.server, path: scenario.path })
    ),
  );
  const servers = starting.flatMap((s) => s.status === "fulfilled" ? [s.value] : []);
  try {
    const failed = starting.find((s) => s.status === "rejected");
    if (failed !== undefined) throw failed.reason;
    await verifySameResponse(servers, scenario.path, method);
    const runs = new Map<string, Measurement[]>(servers.map((s) => [s.label, []]));
    for (let round = 0; round < settings.rounds; round++) {
      // Rotate the order each round so that no server always runs first or last.
      const order = servers.map((_, i) => servers[(i + round) % servers.length]);
      for (const server of order) {
        const load = { connections: settings.connections, method, prefix: pins.load };
        const url = server.origin + scenario.path;
        if (settings.warmup > 0) await runWrk(url, { ...load, seconds: settings.warmup });
        const cpuBefore = await server.cpuSeconds();
        const m = await runWrk(url, { ...load, seconds: settings.seconds });
        const cpuAfter = await server.cpuSeconds();
        if (cpuBefore !== undefined && cpuAfter !== undefined && m.rps > 0) {
          m.cpuUs = (cpuAfter - cpuBefore) * 1e6 / (m.rps * settings.seconds);
        }
        runs.get(server.label)!.push(m);
        console.error(
          `  round ${round + 1} ${server.label}: ${Math.round(m.rps)} req/s, p99 ${
            m.p99Ms.toFixed(2)
          } ms${m.cpuUs === undefined ? "" : `, ${m.cpuUs.toFixed(1)} µs CPU/request`}`,
        );
      }
    }
    return { scenario, runs };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}
