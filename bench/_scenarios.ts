import { duelPairs, type Scenario } from "./_scenario.ts";

/** Every scenario in `scenarios/`, checked. */
export async function loadScenarios(): Promise<Scenario[]> {
  const dir = new URL("./scenarios/", import.meta.url);
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && entry.name.endsWith(".ts")) files.push(entry.name);
  }
  const all: Scenario[] = [];
  for (const file of files.sort()) {
    const { scenarios }: { scenarios: Scenario[] } = await import(new URL(file, dir).href);
    for (const scenario of scenarios) all.push(checked(scenario, file));
  }
  return all;
}

function checked(scenario: Scenario, file: string): Scenario {
  const labels = new Set(scenario.servers.map((s) => s.label));
  const where = `Cannot run scenario "${scenario.name}" (scenarios/${file})`;
  if (labels.size < 1 || labels.size !== scenario.servers.length) {
    throw new Error(`${where}: give it at least one server, each with a distinct label`);
  }
  for (const pair of duelPairs(scenario)) {
    if (!labels.has(pair.label) || !labels.has(pair.against)) {
      throw new Error(
        `${where}: the pair ${pair.label} vs ${pair.against} names an unknown server`,
      );
    }
  }
  return scenario;
}
