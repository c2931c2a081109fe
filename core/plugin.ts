import type { App } from "./app.ts";

/**
 * A plugin: a plain object, usually made by a factory function, registered with
 * `app.register()`. At boot, plugins are set up in dependency order; on shutdown they are torn
 * down in reverse.
 *
 * @example A plugin that adds a route and a context value
 * ```ts
 * import { App, type Plugin } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * function version(value: string): Plugin {
 *   return {
 *     name: "version",
 *     setup(app) {
 *       app.get("/version", (ctx) => ctx.text(value));
 *     },
 *   };
 * }
 * const app = new App({ env: "test" }).register(version("1.2.3"));
 * assert.equal(await (await app.request("/version")).text(), "1.2.3");
 * ```
 */
export interface Plugin {
  /** A unique name; registering two plugins with one name throws. */
  readonly name: string;
  /** Names of plugins that must be registered and set up first. */
  readonly dependsOn?: readonly string[];
  /** Runs once at boot, after the plugins it depends on: add middleware, routes, helpers. */
  setup(app: App): void | Promise<void>;
  /** Runs once on shutdown, before the plugins it depends on: close connections. */
  teardown?(): void | Promise<void>;
}
