/**
 * Plinth's core: the app, the request context, the middleware onion, the router with reverse
 * routing, the plugin lifecycle and safe HTTP defaults. Plugins are written against this module
 * alone.
 *
 * @example Hello world
 * ```ts
 * import { App } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * const app = new App({ env: "test" });
 * app.get("/hello/:name", (ctx) => ctx.text(`Hello, ${ctx.params.name}!`), { name: "hello" });
 * await app.boot();
 * const res = await app.request(app.url("hello", { name: "Ann" }));
 * assert.equal(await res.text(), "Hello, Ann!");
 * ```
 *
 * @module
 */
export { App } from "./app.ts";
export type { QueryValues } from "./_reverse.ts";
export type { AppOptions, Environment } from "./_options.ts";
export { BodyReader } from "./_body.ts";
export { Coalescer, type CoalescerOptions } from "./coalescer.ts";
export { Context, type ContextRuntime, type RouteInfo, type State } from "./context.ts";
export { type CookieOptions, Cookies } from "./cookies.ts";
export type { ErrorHandler } from "./_pipeline.ts";
export type { Document, DocumentRenderer } from "./document.ts";
export { escapeHtml } from "./escape_html.ts";
export { HttpError, type HttpErrorOptions, statusText } from "./http_error.ts";
export {
  defaultLogger,
  type Logger,
  type LogLevel,
  type LogProperties,
  silentLogger,
} from "./logger.ts";
export type { Command } from "./manage.ts";
export {
  compose,
  type Middleware,
  type Next,
  type OuterMiddleware,
  type View,
} from "./middleware.ts";
export type { ParamValues } from "./_pattern.ts";
export type { Plugin } from "./plugin.ts";
export { isSafeRedirect } from "./redirect.ts";
export type { EventSink, ResponseOptions, ServerSentEvent } from "./_response.ts";
export { type RouteArgs, type RouteOptions, Router } from "./router.ts";
export type { HstsOptions, SecurityHeadersOptions } from "./security_headers.ts";
export type { ListenOptions, Server } from "./_server.ts";
export { Signer } from "./signer.ts";
export { serveStatic, type StaticOptions } from "./static.ts";
