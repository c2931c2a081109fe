import type { AnyField } from "./_field.ts";
import type { Params } from "./_sql.ts";
import { FieldError } from "./_errors.ts";

/** Turns one condition into SQL. */
type Compile = (column: string, value: unknown, field: AnyField, params: Params) => string;

const like = (op: string, wrap: (s: string) => string): Compile => (column, value, _f, params) =>
  `${column} ${op} ${params.add(wrap(escapeLike(text(value, "a string"))))}`;

const compare = (op: string): Compile => (column, value, field, params) =>
  `${column} ${op} ${field.placeholder(params.add(field.toDb(notNull(value))))}`;

/** The lookups that compare with a value by an operator, an `f()` expression included. */
export const COMPARISONS = { exact: "=", gt: ">", gte: ">=", lt: "<", lte: "<=" } as const;

/** The lookups a filter key may end with, such as `"title__icontains"`. */
export const LOOKUPS = {
  exact: (column, value, field, params) =>
    value === null
      ? `${column} IS NULL`
      : `${column} = ${field.placeholder(params.add(field.toDb(value)))}`,
  iexact: (column, value, _f, params) =>
    `UPPER(${column}::text) = UPPER(${params.add(text(value, "a string"))})`,
  contains: like("LIKE", (s) => `%${s}%`),
  icontains: like("ILIKE", (s) => `%${s}%`),
  startswith: like("LIKE", (s) => `${s}%`),
  istartswith: like("ILIKE", (s) => `${s}%`),
  endswith: like("LIKE", (s) => `%${s}`),
  iendswith: like("ILIKE", (s) => `%${s}`),
  in: (column, value, field, params) => {
    if (!Array.isArray(value)) throw new FieldError(`Lookup "in" needs an array`);
    if (value.length === 0) return "FALSE";
    const list = value.map((v) => field.placeholder(params.add(field.toDb(notNull(v)))));
    return `${column} IN (${list.join(", ")})`;
  },
  gt: compare(COMPARISONS.gt),
  gte: compare(COMPARISONS.gte),
  lt: compare(COMPARISONS.lt),
  lte: compare(COMPARISONS.lte),
  range: (column, value, field, params) => {
    if (!Array.isArray(value) || value.length !== 2) {
      throw new FieldError(`Lookup "range" needs [low, high]`);
    }
    const [low, high] = value.map((v) => field.placeholder(params.add(field.toDb(notNull(v)))));
    return `${column} BETWEEN ${low} AND ${high}`;
  },
  isnull: (column, value) => {
    if (typeof value !== "boolean") throw new FieldError(`Lookup "isnull" needs true or false`);
    return value ? `${column} IS NULL` : `${column} IS NOT NULL`;
  },
} satisfies Record<string, Compile>;

/** The name of a lookup. */
export type LookupName = keyof typeof LOOKUPS;

function text(value: unknown, what: string): string {
  if (typeof value !== "string") {
    throw new FieldError(`This lookup needs ${what}, got ${typeof value}`);
  }
  return value;
}

function notNull<T>(value: T): T {
  if (value === null || value === undefined) {
    throw new FieldError(`Cannot compare with null: use the "isnull" lookup`);
  }
  return value;
}

/** Escapes `%`, `_` and `\` so that user text matches literally in LIKE. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
