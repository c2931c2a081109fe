import type { Scenario } from "./_scenario.ts";
import type { Measurement } from "./_wrk.ts";

/** Every run of one scenario, by server label in the scenario's order. */
export interface ScenarioResult {
  scenario: Scenario;
  runs: Map<string, Measurement[]>;
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The results table in Markdown, ratios computed from the median req/s of each server. */
export function resultsTable(results: readonly ScenarioResult[]): string {
  const lines = [
    "| scenario | server | req/s | p99 | CPU µs/req | ratio vs raw | ratio vs hono | target met? |",
    "|---|---|--:|--:|--:|--:|--:|---|",
  ];
  for (const { scenario, runs } of results) {
    const rps = new Map([...runs].map(([label, list]) => [label, median(list.map((m) => m.rps))]));
    const cpu = cpuMedians(runs);
    for (const [label, list] of runs) {
      const own = rps.get(label)!;
      const ratio = (against: string) => {
        const base = rps.get(against);
        return base === undefined || against === label ? "—" : (own / base).toFixed(2);
      };
      lines.push(
        `| ${scenario.name} | ${label} | ${Math.round(own).toLocaleString("en-US")} | ` +
          `${median(list.map((m) => m.p99Ms)).toFixed(2)} ms | ${
            cpu?.get(label)?.toFixed(1) ?? "—"
          } | ` +
          `${ratio("raw")} | ${ratio("hono")} | ${verdict(scenario, label, rps, cpu)} |`,
      );
    }
  }
  return lines.join("\n");
}

/** Each run's req/s, to show how noisy the medians are. */
export function runsList(results: readonly ScenarioResult[]): string {
  const lines: string[] = [];
  for (const { scenario, runs } of results) {
    for (const [label, list] of runs) {
      const figures = list.map((m) => Math.round(m.rps).toLocaleString("en-US")).join(", ");
      const errors = list.reduce((sum, m) => sum + m.socketErrors, 0);
      lines.push(
        `- ${scenario.name} / ${label}: ${figures}${errors ? ` (${errors} socket errors)` : ""}`,
      );
    }
  }
  return lines.join("\n");
}

/** Each server's median CPU µs per request, or `undefined` when some run could not read it. */
function cpuMedians(runs: Map<string, Measurement[]>): Map<string, number> | undefined {
  const cpu = new Map<string, number>();
  for (const [label, list] of runs) {
    const figures = list.flatMap((m) => m.cpuUs === undefined ? [] : [m.cpuUs]);
    if (figures.length !== list.length) return undefined;
    cpu.set(label, median(figures));
  }
  return cpu;
}

function verdict(
  scenario: Scenario,
  label: string,
  rps: Map<string, number>,
  cpu: Map<string, number> | undefined,
): string {
  const targets = (scenario.targets ?? []).filter((t) => t.label === label);
  if (targets.length === 0) return "—";
  const missed: string[] = [];
  for (const target of targets) {
    const ratio = rps.get(label)! / rps.get(target.against)!;
    if (ratio < target.ratio) {
      missed.push(`${ratio.toFixed(2)} x ${target.against} < ${target.ratio}`);
    }
  }
  const goals = targets.map((t) => `>= ${t.ratio} x ${t.against}`).join(", ");
  // Less CPU per request is better: the CPU ratio is the other server's time over this one's.
  const byCpu = cpu === undefined
    ? ""
    : `; by CPU: ${
      targets.map((t) => `${(cpu.get(t.against)! / cpu.get(label)!).toFixed(2)} x ${t.against}`)
        .join(", ")
    }`;
  return (missed.length === 0 ? `yes (${goals})` : `NO (${missed.join(", ")})`) + byCpu;
}
