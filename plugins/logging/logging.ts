import type { LogLevel, Plugin } from "../../core/mod.ts";
import { type ClosableSink, consoleSink } from "./_console_sink.ts";
import { fanOut, onceWarning } from "./_deliver.ts";
import { attach, detach } from "./_engine.ts";
import { checkFileOptions, type FileSinkOptions, RotatingFile } from "./_file_sink.ts";
import { anyEnabled } from "./_levels.ts";
import { EngineLogger } from "./_logger.ts";
import { DEFAULT_REDACTED, Redactor } from "./_redact.ts";
import { requestLog } from "./_request_log.ts";
import { resolveSettings, type Settings } from "./_settings.ts";
import type { Sink } from "./sink.ts";

/**
 * Options of {@linkcode logging}. Every one has a default; options win over the environment
 * variables `PLINTH_LOG_LEVEL` and `PLINTH_LOG_FORMAT`.
 *
 * @example Quiet except for the model's queries, with a log file
 * ```ts
 * import { App } from "@plinth/plinth";
 * import { logging, type LoggingOptions } from "@plinth/plinth/logging";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const options: LoggingOptions = {
 *   level: "warning",
 *   categories: { "plinth.model": "debug" },
 *   console: false,
 *   file: { path: `${dir}/app.log`, maxBytes: 1024 * 1024, maxFiles: 3 },
 * };
 * const app = new App({ env: "test" }).register(logging(options));
 * await app.boot();
 * app.log.getChild("model").debug("Query ran", { sql: "SELECT 1" });
 * await app.close();
 * const line = JSON.parse(await Deno.readTextFile(`${dir}/app.log`));
 * assert.equal(line.logger, "plinth.model");
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export interface LoggingOptions {
  /**
   * The lowest level written, or `"off"`. Default: the level in `PLINTH_LOG_LEVEL`, else
   * `debug` in development, `info` in production and `warning` in test.
   */
  level?: LogLevel | "off";
  /**
   * Levels of categories and their children, by dotted path, such as
   * `{ "plinth.model": "debug", "plinth.request": "warning" }`. They win over the categories in
   * `PLINTH_LOG_LEVEL` (`warning,plinth.model=debug`).
   */
  categories?: Readonly<Record<string, LogLevel | "off">>;
  /** The console's format. Default: `PLINTH_LOG_FORMAT`, else `json` in production, `pretty` otherwise. */
  format?: "pretty" | "json";
  /** Whether to write to standard error; default `true`. */
  console?: boolean;
  /** Also write JSON lines to a file with size-based rotation. */
  file?: FileSinkOptions;
  /** More sinks, such as {@linkcode memorySink} in tests. */
  sinks?: readonly Sink[];
  /**
   * More header and property names to redact, added to `authorization`, `cookie`, `password`,
   * `passwd`, `secret`, `token`, `csrf` and `api-key`. A name matches when, lowercased and
   * without `-` and `_`, it contains one of them.
   */
  redact?: readonly string[];
  /** Requests taking at least this many milliseconds are logged at `warning`; default 1000. */
  slowMs?: number;
  /** Whether to add a `Server-Timing` header (`app`, and `db` when recorded); default `false`. */
  serverTiming?: boolean;
}

/**
 * The logging plugin: replaces `app.log` with a LogTape-backed logger (categories under
 * `["plinth"]`, levels per category, redaction, request ids on every line written during a
 * request), and logs one line per request. Register it first, so that plugins set up after it
 * log through it.
 *
 * @param options Levels, format, sinks, redaction, slow threshold and `Server-Timing`.
 * @returns The plugin, named `"logging"`.
 * @throws {Error} For an unknown level, category or format, or bad file sink limits.
 *
 * @example Logging requests into memory
 * ```ts
 * import { App } from "@plinth/plinth";
 * import { logging, memorySink } from "@plinth/plinth/logging";
 * import assert from "node:assert/strict";
 *
 * const sink = memorySink();
 * const app = new App({ env: "test" })
 *   .register(logging({ console: false, level: "info", sinks: [sink] }));
 * app.get("/hello", (ctx) => {
 *   ctx.log.getChild("views").info("Greeting", { name: "Ann" });
 *   return ctx.text("Hello");
 * });
 * const res = await app.request("/hello");
 * const [greeting, line] = sink.records;
 * assert.deepEqual(greeting.category, ["plinth", "views"]);
 * assert.equal(greeting.properties.requestId, res.headers.get("x-request-id"));
 * assert.equal(line.message, "GET /hello 200");
 * await app.close();
 * ```
 */
export function logging(options: LoggingOptions = {}): Plugin {
  const slowMs = options.slowMs ?? 1000;
  if (!(slowMs >= 0)) {
    throw new RangeError(`Cannot use logging: slowMs is ${slowMs}; use 0 or more`);
  }
  if (options.file) checkFileOptions(options.file);
  resolveSettings(options, "production", () => undefined);
  let active: { restore: () => void; key: string; close: () => void } | undefined;

  return {
    name: "logging",
    setup(app) {
      if (active !== undefined) {
        throw new Error(
          "Cannot set up logging: this plugin object serves another app; call logging() per app",
        );
      }
      const settings = resolveSettings(options, app.env);
      const { sinks, close } = openSinks(options, settings);
      const redactor = new Redactor([...DEFAULT_REDACTED, ...options.redact ?? []]);
      const deliver = fanOut(sinks, redactor);
      let key: string;
      try {
        key = attach(deliver);
      } catch (error) {
        close();
        throw error;
      }
      const log = EngineLogger.root(key, settings.levels, deliver);
      active = { restore: app.useLogger(log), key, close };
      const context = anyEnabled(settings.levels);
      const serverTiming = options.serverTiming ?? false;
      if (context || serverTiming) {
        app.useBeforeRouting(
          requestLog(log.getChild("request"), { slowMs, serverTiming, context }),
        );
      }
    },
    teardown() {
      if (active === undefined) return;
      const { restore, key, close } = active;
      active = undefined;
      restore();
      detach(key);
      close();
    },
  };
}

/** The console sink, the file sink and the caller's sinks, and how to flush and close them. */
function openSinks(
  options: LoggingOptions,
  settings: Settings,
): { sinks: Sink[]; close: () => void } {
  const own: ClosableSink[] = [];
  if (settings.console) own.push(consoleSink(settings.format, onceWarning("the console")));
  try {
    if (options.file) own.push(new RotatingFile(options.file, onceWarning("the log file")));
  } catch (error) {
    for (const sink of own) sink.close();
    throw error;
  }
  return {
    sinks: [...own.map((s) => s.sink), ...options.sinks ?? []],
    close() {
      const errors: unknown[] = [];
      for (const sink of own) {
        try {
          sink.close();
        } catch (error) {
          errors.push(error);
        }
      }
      if (errors.length > 0) throw errors[0];
    },
  };
}
