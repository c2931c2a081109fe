import type { Environment } from "../../core/mod.ts";
import type { Format } from "./_format.ts";
import {
  checkCategory,
  type LevelSettings,
  parseLevelSpec,
  type Threshold,
  toThreshold,
} from "./_levels.ts";
import type { LoggingOptions } from "./logging.ts";

/** Options and environment merged: what an instance runs with. */
export interface Settings {
  readonly levels: LevelSettings;
  readonly format: Format;
  readonly console: boolean;
}

const DEFAULT_LEVEL: Readonly<Record<Environment, Threshold>> = {
  development: "debug",
  production: "info",
  test: "warning",
};

/**
 * Applies, from weakest to strongest: the environment's defaults, `PLINTH_LOG_LEVEL` and
 * `PLINTH_LOG_FORMAT`, then the options.
 *
 * @param read Reads an environment variable; `undefined` when unset or not permitted.
 * @throws {Error} For an unknown level, category or format, saying what to write instead.
 */
export function resolveSettings(
  options: LoggingOptions,
  env: Environment,
  read: (name: string) => string | undefined = readVariable,
): Settings {
  const fromEnv = parseLevelSpec(read("PLINTH_LOG_LEVEL") ?? "", "PLINTH_LOG_LEVEL");
  const categories = new Map(Object.entries(fromEnv.categories));
  for (const [category, level] of Object.entries(options.categories ?? {})) {
    checkCategory(category, "the categories option");
    categories.set(category, toThreshold(level, `the categories option for "${category}"`));
  }
  const root = options.level === undefined
    ? fromEnv.root ?? DEFAULT_LEVEL[env]
    : toThreshold(options.level, "the level option");
  return {
    levels: { root, categories },
    format: options.format === undefined
      ? readFormat(read("PLINTH_LOG_FORMAT")) ?? (env === "production" ? "json" : "pretty")
      : checkFormat(options.format, "the format option"),
    console: options.console ?? true,
  };
}

function readFormat(value: string | undefined): Format | undefined {
  return value === undefined || value === "" ? undefined : checkFormat(value, "PLINTH_LOG_FORMAT");
}

function checkFormat(value: string, source: string): Format {
  if (value === "pretty" || value === "json") return value;
  throw new Error(`Cannot set up logging: ${source} is "${value}"; use pretty or json`);
}

function readVariable(name: string): string | undefined {
  const allowed = Deno.permissions.querySync({ name: "env", variable: name }).state === "granted";
  return allowed ? Deno.env.get(name) : undefined;
}
