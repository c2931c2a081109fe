import type { Plugin } from "./plugin.ts";

/**
 * Orders plugins so that each comes after the plugins it depends on, keeping registration order
 * otherwise. Throws a message that says what to register for a missing dependency, and names the
 * plugins of a cycle.
 */
export function orderPlugins(plugins: readonly Plugin[]): Plugin[] {
  const byName = new Map(plugins.map((p) => [p.name, p]));
  const ordered: Plugin[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (plugin: Plugin, path: string[]) => {
    const seen = state.get(plugin.name);
    if (seen === "done") return;
    if (seen === "visiting") {
      const cycle = [...path.slice(path.indexOf(plugin.name)), plugin.name].join(" -> ");
      throw new Error(`Cannot boot: plugins depend on each other in a cycle: ${cycle}`);
    }
    state.set(plugin.name, "visiting");
    for (const dependency of plugin.dependsOn ?? []) {
      const needed = byName.get(dependency);
      if (!needed) {
        throw new Error(
          `Cannot find plugin "${dependency}" that "${plugin.name}" depends on: ` +
            `register ${dependency}() before booting the app`,
        );
      }
      visit(needed, [...path, plugin.name]);
    }
    state.set(plugin.name, "done");
    ordered.push(plugin);
  };
  for (const plugin of plugins) visit(plugin, []);
  return ordered;
}
