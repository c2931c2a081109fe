import { type From, resolveField } from "./_paths.ts";
import type { AnyField } from "./_field.ts";

/**
 * An aggregate for `aggregate()` and `annotate()`, made by `count`, `sum`, `avg`, `min`, `max`.
 *
 * @example Aggregates are values until a query compiles them
 * ```ts
 * import { Aggregate, count } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const n = count("posts", { distinct: true });
 * assert.ok(n instanceof Aggregate);
 * assert.deepEqual([n.fn, n.path, n.distinct], ["COUNT", "posts", true]);
 * ```
 */
export class Aggregate<T = unknown> {
  /** Type-level only: the result type. */
  declare readonly __value: T;
  /** The SQL function. */
  readonly fn: "COUNT" | "SUM" | "AVG" | "MIN" | "MAX";
  /** The field path, or `undefined` for `count()` of rows. */
  readonly path: string | undefined;
  /** Whether to aggregate distinct values only. */
  readonly distinct: boolean;

  /** Use the aggregate functions. */
  constructor(fn: Aggregate["fn"], path: string | undefined, distinct: boolean) {
    this.fn = fn;
    this.path = path;
    this.distinct = distinct;
  }
}

/** Compiles an aggregate to SQL and a decoder for the raw value. */
export function compileAggregate(
  aggregate: Aggregate,
  from: From,
): { sql: string; decode: (raw: unknown) => unknown } {
  if (aggregate.path === undefined) return { sql: "COUNT(*)", decode: Number };
  const resolved = resolveField(from, aggregate.path);
  const sql = `${aggregate.fn}(${aggregate.distinct ? "DISTINCT " : ""}${resolved.sql})`;
  return { sql, decode: decoder(aggregate.fn, resolved.field) };
}

function decoder(fn: Aggregate["fn"], field: AnyField): (raw: unknown) => unknown {
  if (fn === "COUNT") return Number;
  const kind = field.kind;
  if (fn === "MIN" || fn === "MAX") return (raw) => raw === null ? null : field.fromDb(raw);
  if (kind === "decimal") return (raw) => raw === null ? null : String(raw);
  if (fn === "SUM" && (kind === "bigint" || kind === "bigAuto")) {
    return (raw) => raw === null ? null : BigInt(raw as string);
  }
  return (raw) => raw === null ? null : Number(raw);
}

/**
 * Counts rows, or non-null values of a field path (`count("posts")` counts related rows).
 *
 * @example Building a COUNT aggregate
 * ```ts
 * import { count } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * assert.equal(count().fn, "COUNT");
 * ```
 */
export function count(path?: string, options: { distinct?: boolean } = {}): Aggregate<number> {
  return new Aggregate("COUNT", path, options.distinct ?? false);
}

/**
 * Sums a numeric field (`null` over no rows).
 *
 * @example Building a SUM aggregate
 * ```ts
 * import { sum } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * assert.equal(sum("score").fn, "SUM");
 * ```
 */
export function sum(path: string): Aggregate<number | null> {
  return new Aggregate("SUM", path, false);
}

/**
 * Averages a numeric field (`null` over no rows).
 *
 * @example Building a AVG aggregate
 * ```ts
 * import { avg } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * assert.equal(avg("score").fn, "AVG");
 * ```
 */
export function avg(path: string): Aggregate<number | null> {
  return new Aggregate("AVG", path, false);
}

/**
 * The smallest value of a field.
 *
 * @example Building a MIN aggregate
 * ```ts
 * import { min } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * assert.equal(min("score").fn, "MIN");
 * ```
 */
export function min<T = unknown>(path: string): Aggregate<T | null> {
  return new Aggregate("MIN", path, false);
}

/**
 * The largest value of a field.
 *
 * @example Building a MAX aggregate
 * ```ts
 * import { max } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * assert.equal(max("score").fn, "MAX");
 * ```
 */
export function max<T = unknown>(path: string): Aggregate<T | null> {
  return new Aggregate("MAX", path, false);
}
