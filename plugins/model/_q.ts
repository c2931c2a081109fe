import { FieldError } from "./_errors.ts";
import { compileExpression, Expression } from "./_expressions.ts";
import { COMPARISONS, LOOKUPS } from "./_lookups.ts";
import { resolveTarget } from "./_model.ts";
import { From, resolveField, splitKey } from "./_paths.ts";
import type { Params } from "./_sql.ts";
import type { Leaf } from "./_where_shape.ts";

/**
 * Field conditions ANDed together: `{ published: true, "title__icontains": "deno" }`.
 *
 * @example A filter object
 * ```ts
 * import type { Filter } from "@plinth/plinth/model";
 *
 * const filter: Filter = { published: true, "author.username": "ann", title__icontains: "deno" };
 * ```
 */
export type Filter = Readonly<Record<string, unknown>>;

/**
 * A filter, or a combination of them made with {@linkcode q}.
 *
 * @example Conditions for filter()
 * ```ts
 * import { type Condition, q } from "@plinth/plinth/model";
 *
 * const condition: Condition = q.or({ status: "draft" }, { views__gte: 100 });
 * ```
 */
export type Condition = Filter | Q;

/**
 * A combination of conditions: AND, OR or NOT. Made with {@linkcode q}.
 *
 * @example Combined conditions are Q objects
 * ```ts
 * import { Q, q } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const either = q.or({ a: 1 }, q.not({ b: 2 }));
 * assert.ok(either instanceof Q);
 * assert.equal(either.op, "or");
 * ```
 */
export class Q {
  /** The operator. */
  readonly op: "and" | "or" | "not";
  /** The combined conditions. */
  readonly children: readonly Condition[];

  /** Use {@linkcode q}. */
  constructor(op: "and" | "or" | "not", children: readonly Condition[]) {
    this.op = op;
    this.children = children;
  }
}

/**
 * Combines conditions for `filter` and `exclude`: `q.or({ a: 1 }, q.not({ b: 2 }))`.
 *
 * @example OR, AND and NOT
 * ```ts
 * import { q } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const condition = q.and({ published: true }, q.or({ title__icontains: "deno" }, q.not({ views: 0 })));
 * assert.equal(condition.children.length, 2);
 * ```
 */
export const q = {
  /** Every condition holds. */
  and: (...conditions: Condition[]): Q => new Q("and", conditions),
  /** At least one condition holds. */
  or: (...conditions: Condition[]): Q => new Q("or", conditions),
  /** The condition does not hold (rows where it is unknown, such as NULL, count as not holding). */
  not: (condition: Condition): Q => new Q("not", [condition]),
};

/**
 * Compiles a condition to SQL, adding joins to `from` and values to `params`; each plain value
 * compared is also recorded in `leaves`, in order, when given.
 */
export function compileCondition(
  condition: Condition,
  from: From,
  params: Params,
  leaves?: Leaf[],
): string {
  if (condition instanceof Q) {
    if (condition.op === "not") return compileNot(condition.children[0], from, params, leaves);
    const parts = condition.children.map((c) => compileCondition(c, from, params, leaves));
    if (parts.length === 0) return condition.op === "and" ? "TRUE" : "FALSE";
    return `(${parts.join(condition.op === "and" ? " AND " : " OR ")})`;
  }
  const parts: string[] = [];
  for (const [key, raw] of Object.entries(condition)) {
    if (raw === undefined) {
      throw new FieldError(
        `Cannot filter on ${JSON.stringify(key)} with undefined: pass a value or null`,
      );
    }
    const { parts: path, lookup } = splitKey(from.model, key);
    const computed = raw instanceof Expression;
    const resolved = from.resolve(path, key, lookup === "exact" && !computed);
    if (computed || (Array.isArray(raw) && raw.some((v) => v instanceof Expression))) {
      if (!computed || !Object.hasOwn(COMPARISONS, lookup)) {
        throw new FieldError(
          `Cannot filter on ${JSON.stringify(key)} with an f() expression: ` +
            `use it with exact, gt, gte, lt or lte`,
        );
      }
      const operator = COMPARISONS[lookup as keyof typeof COMPARISONS];
      const right = compileExpression(raw, (p) => resolveField(from, p), params);
      parts.push(`${resolved.sql} ${operator} ${right}`);
      continue;
    }
    const field = resolved.field;
    const rowKey = field.relation !== undefined ? resolveTarget(field).pk.key : field.key;
    const value = isRow(raw)
      ? raw[rowKey]
      : Array.isArray(raw)
      ? raw.map((v) => isRow(v) ? v[rowKey] : v)
      : raw;
    parts.push(LOOKUPS[lookup](resolved.sql, value, field, params));
    leaves?.push({ sql: resolved.sql, field, lookup });
  }
  if (parts.length === 0) return "TRUE";
  return parts.length === 1 ? parts[0] : `(${parts.join(" AND ")})`;
}

/**
 * NOT of a condition. One that follows relations is checked in a subquery: through a join, a row
 * with several related rows (a post's tags) would be kept by any one of them not matching, where
 * "exclude posts tagged x" means none of them may match (Django's semantics).
 */
function compileNot(condition: Condition, from: From, params: Params, leaves?: Leaf[]): string {
  const inner = new From(from.model);
  const part = compileCondition(condition, inner, params, leaves);
  if (!inner.joined) return `NOT COALESCE((${part}), FALSE)`;
  const pk = from.model.pk.quoted;
  return `NOT (t0.${pk} IN (SELECT t0.${pk} FROM ${inner} WHERE ${part}))`;
}

function isRow(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    !(value instanceof Date) && !(value instanceof Uint8Array);
}
