/**
 * Logging for Plinth: the `logging()` plugin replaces the app's logger with one built on
 * LogTape and logs one line per request.
 *
 * - Levels `trace` to `fatal` per category (`["plinth", "model"]`), structured properties, child
 *   loggers with bound fields (`log.with({ jobId })`).
 * - Every line written while a request runs carries its `requestId`, through async context.
 * - Sinks: the console (pretty in development, JSON lines in production, on standard error), a
 *   JSON-lines file with size-based rotation, your own, and {@linkcode memorySink} for tests.
 * - `PLINTH_LOG_LEVEL` (`info`, or `warning,plinth.model=debug`) and `PLINTH_LOG_FORMAT`
 *   (`pretty` or `json`) configure it without code.
 * - Request text is escaped in every line, credentials are redacted by header and property
 *   name, and a failing sink never fails a request.
 *
 * @example Registering the plugin
 * ```ts
 * import { App } from "@plinth/plinth";
 * import { logging, memorySink } from "@plinth/plinth/logging";
 * import assert from "node:assert/strict";
 *
 * const sink = memorySink();
 * const app = new App({ env: "test" })
 *   .register(logging({ console: false, level: "info", sinks: [sink] }));
 * app.get("/", (ctx) => ctx.text("Hello"));
 * await app.request("/");
 * assert.equal(sink.records[0].properties.status, 200);
 * await app.close();
 * ```
 *
 * @module
 */
export type { FileSinkOptions } from "./_file_sink.ts";
export { logging, type LoggingOptions } from "./logging.ts";
export { type MemorySink, memorySink } from "./memory_sink.ts";
export type { LogRecord, Sink } from "./sink.ts";
