/** The levels a {@linkcode Logger} writes at, from the most verbose to the most severe. */
export type LogLevel = "trace" | "debug" | "info" | "warning" | "error" | "fatal";

/** Structured fields attached to a log record. */
export type LogProperties = Record<string, unknown>;

/**
 * The logger interface the core offers to every plugin as `app.log` and `ctx.log`. The core's
 * default writes warnings and errors to standard error and drops the rest; the logging plugin
 * replaces it with a configurable one.
 *
 * @example Logging with properties
 * ```ts
 * import { App } from "@plinth/plinth";
 *
 * const app = new App({ env: "test" });
 * app.log.getChild("model").debug("Query ran", { durationMs: 1.2 });
 * ```
 */
export interface Logger {
  /** Writes a record at `trace` level. */
  trace(message: string, properties?: LogProperties): void;
  /** Writes a record at `debug` level. */
  debug(message: string, properties?: LogProperties): void;
  /** Writes a record at `info` level. */
  info(message: string, properties?: LogProperties): void;
  /** Writes a record at `warning` level. */
  warn(message: string, properties?: LogProperties): void;
  /** Writes a record at `error` level. */
  error(message: string, properties?: LogProperties): void;
  /** Writes a record at `fatal` level. */
  fatal(message: string, properties?: LogProperties): void;
  /** A logger for a sub-category, such as `app.log.getChild("model")`. */
  getChild(category: string): Logger;
  /** A logger that adds `properties` to every record it writes. */
  with(properties: LogProperties): Logger;
}

/**
 * The core's default logger: records at `lowest` level and above go to standard error as one
 * line each, lower levels are dropped. Register the logging plugin for anything more.
 *
 * @param category The category path shown in front of each line.
 * @param lowest The lowest level written: `"info"` in development, `"warning"` otherwise.
 * @returns A logger.
 *
 * @example A silent logger for tests
 * ```ts
 * import { App, silentLogger } from "@plinth/plinth";
 *
 * const app = new App({ env: "test", logger: silentLogger });
 * app.log.error("Not shown");
 * ```
 */
export function defaultLogger(
  category: readonly string[] = ["plinth"],
  lowest: "info" | "warning" = "warning",
): Logger {
  const prefix = category.join(".");
  const write = (level: string) => (message: string, properties?: LogProperties) => {
    const extra = properties === undefined ? "" : ` ${safeJson(properties)}`;
    // deno-lint-ignore no-console -- the fallback when no logging plugin is registered
    console.error(`${level} ${prefix}: ${message}${extra}`);
  };
  const drop = () => {};
  const logger: Logger = {
    trace: drop,
    debug: drop,
    info: lowest === "info" ? write("INFO") : drop,
    warn: write("WARN"),
    error: write("ERROR"),
    fatal: write("FATAL"),
    getChild: (child) => defaultLogger([...category, child], lowest),
    with: () => logger,
  };
  return logger;
}

/** A logger that drops every record: for tests that provoke errors on purpose. */
export const silentLogger: Logger = {
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
  fatal() {},
  getChild: () => silentLogger,
  with: () => silentLogger,
};

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v) => v instanceof Error ? (v.stack ?? v.message) : v);
  } catch {
    return "[unserialisable properties]";
  }
}
