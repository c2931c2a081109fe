import type { LogLevel } from "../../core/mod.ts";

/** A level filter: the lowest level written, or `"off"` for none. */
export type Threshold = LogLevel | "off";

/** Levels by severity; a record is written when its rank is at least the threshold's. */
export const RANK: Readonly<Record<Threshold, number>> = {
  trace: 0,
  debug: 1,
  info: 2,
  warning: 3,
  error: 4,
  fatal: 5,
  off: 6,
};

/** An instance's levels: the root's and those of categories, by dotted path. */
export interface LevelSettings {
  readonly root: Threshold;
  readonly categories: ReadonlyMap<string, Threshold>;
}

/** Whether any category can write anything at all. */
export function anyEnabled(levels: LevelSettings): boolean {
  if (levels.root !== "off") return true;
  for (const level of levels.categories.values()) if (level !== "off") return true;
  return false;
}

/** The root threshold and the thresholds of categories, keyed by dotted path (`plinth.model`). */
export interface LevelSpec {
  readonly root?: Threshold;
  readonly categories: Readonly<Record<string, Threshold>>;
}

/**
 * Parses `PLINTH_LOG_LEVEL`: a level, category overrides, or both, separated by commas, such as
 * `warning,plinth.model=debug`. `warn` is accepted for `warning`.
 *
 * @throws {Error} For an unknown level or a category outside `plinth`, saying what to write.
 */
export function parseLevelSpec(text: string, source: string): LevelSpec {
  let root: Threshold | undefined;
  const categories: Record<string, Threshold> = {};
  for (const entry of text.split(",").map((part) => part.trim()).filter(Boolean)) {
    const at = entry.indexOf("=");
    if (at < 0) {
      root = toThreshold(entry, source);
      continue;
    }
    const category = entry.slice(0, at).trim();
    checkCategory(category, source);
    categories[category] = toThreshold(entry.slice(at + 1).trim(), source);
  }
  return { root, categories };
}

/**
 * Checks a category key of the `categories` option or `PLINTH_LOG_LEVEL`.
 *
 * @throws {Error} When it is not `plinth` or under it.
 */
export function checkCategory(category: string, source: string): void {
  if (category !== "plinth" && !category.startsWith("plinth.")) {
    throw new Error(
      `Cannot set up logging: ${source} names category "${category}", which is not under ` +
        `"plinth"; write "plinth.${category}"`,
    );
  }
}

/**
 * Checks a level from options or the environment.
 *
 * @throws {Error} For anything but a level or `"off"`.
 */
export function toThreshold(value: string, source: string): Threshold {
  const level = value.toLowerCase() === "warn" ? "warning" : value.toLowerCase();
  if (level in RANK) return level as Threshold;
  throw new Error(
    `Cannot set up logging: ${source} has level "${value}"; use trace, debug, info, warning, ` +
      "error, fatal or off",
  );
}

/** The rank of the threshold that applies to `category`: its own, else its nearest ancestor's. */
export function rankFor(
  category: readonly string[],
  root: Threshold,
  categories: ReadonlyMap<string, Threshold>,
): number {
  for (let length = category.length; length > 0; length--) {
    const found = categories.get(category.slice(0, length).join("."));
    if (found !== undefined) return RANK[found];
  }
  return RANK[root];
}
