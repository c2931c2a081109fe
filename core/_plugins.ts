import type { App } from "./app.ts";
import type { Logger } from "./logger.ts";
import type { Plugin } from "./plugin.ts";

/**
 * The plugins of one app: registered once each, set up in dependency order, torn down in reverse.
 */
export class Plugins {
  readonly #registered: Plugin[] = [];
  #setUp: Plugin[] = [];

  /** How many plugins are registered. */
  get size(): number {
    return this.#registered.length;
  }

  /** Adds a plugin. @throws {Error} On a duplicate name. */
  add(plugin: Plugin): void {
    if (this.has(plugin.name)) {
      throw new Error(
        `Cannot register plugin "${plugin.name}": a plugin of that name is registered`,
      );
    }
    this.#registered.push(plugin);
  }

  /** Whether a plugin of this name is registered. */
  has(name: string): boolean {
    return this.#registered.some((p) => p.name === name);
  }

  /** Sets every plugin up in order; on a failure tears down those set up, then throws. */
  async setUp(app: App, log: () => Logger): Promise<void> {
    for (const plugin of orderPlugins(this.#registered)) {
      try {
        await plugin.setup(app);
      } catch (error) {
        await this.tearDown(log);
        throw new Error(`Plugin "${plugin.name}" failed to set up: ${(error as Error).message}`, {
          cause: error,
        });
      }
      this.#setUp.push(plugin);
    }
  }

  /** Tears the plugins that were set up down, in reverse order; failures are logged. */
  async tearDown(log: () => Logger): Promise<void> {
    for (const plugin of this.#setUp.splice(0).reverse()) {
      try {
        await plugin.teardown?.();
      } catch (error) {
        log().error(`Plugin "${plugin.name}" failed to tear down`, { error });
      }
    }
  }
}

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
