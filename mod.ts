/**
 * Plinth: a Deno-native web framework on Django's architecture. This root module is the core
 * (app, context, middleware, router, plugins, safe defaults); each plugin has its own subpath,
 * such as `@plinth/plinth/logging`.
 *
 * @example Hello world
 * ```ts
 * import { App } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * const app = new App({ env: "test" });
 * app.get("/", (ctx) => ctx.text("Hello, world!"));
 * assert.equal(await (await app.request("/")).text(), "Hello, world!");
 * ```
 *
 * @module
 */
export * from "./core/mod.ts";
