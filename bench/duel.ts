// deno task bench:duel [-- filter...]: only the duels of `deno task bench` (see _duel.ts), for
// the scenarios whose names contain a filter. Settings: BENCH_DUEL_DURATION (seconds per round,
// default 4), BENCH_DUEL_ROUNDS (default 5), BENCH_DUEL_CONNECTIONS (per server, default 32).
import { pinning } from "./_cpu.ts";
import { duels } from "./_duel.ts";
import { duelPairs } from "./_scenario.ts";
import { loadScenarios } from "./_scenarios.ts";
import { ServerProcess } from "./_server_process.ts";
import { ensureWrk } from "./_wrk.ts";

const filters = Deno.args.filter((arg) => arg !== "--").map((arg) => arg.toLowerCase());
const scenarios = (await loadScenarios()).filter((s) =>
  duelPairs(s).length > 0 &&
  (filters.length === 0 || filters.some((f) => s.name.toLowerCase().includes(f)))
);
if (scenarios.length === 0) {
  throw new Error(`No scenario with pairs to duel matches ${filters.join(", ")}`);
}
await ensureWrk();
const pins = await pinning();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, () => {
    ServerProcess.stopAll().finally(() => Deno.exit(130));
  });
}
const report = await duels(scenarios, pins);
console.log(`\n${report}\n`);
const out = new URL("./results/duel.md", import.meta.url);
await Deno.mkdir(new URL("./", out), { recursive: true });
await Deno.writeTextFile(
  out,
  `# Plinth duels\n\n${new Date().toISOString()}; deno ${Deno.version.deno}; ${report}\n`,
);
console.error(`Wrote ${out.pathname}`);
