import type { AnyField } from "./_field.ts";
import { type LookupName, LOOKUPS } from "./_lookups.ts";
import { type Condition, Q } from "./_q.ts";
import { Params } from "./_sql.ts";

/**
 * One value compared in a compiled WHERE clause, in the order the compiler met it: enough to
 * bind the value of the same place in another condition of the same shape.
 */
export interface Leaf {
  readonly sql: string;
  readonly field: AnyField;
  readonly lookup: LookupName;
}

const KEY = /^[A-Za-z][A-Za-z0-9_.]*$/;

/**
 * What the SQL text of `conditions` depends on besides the fields they name: their structure,
 * their keys and, per value, whatever changes the text (null, a boolean for `isnull`, an array's
 * length). Values that change it in other ways (row objects, `f()` expressions), undefined
 * values and keys that could never compile give `undefined`: compile those every time.
 */
export function whereShape(conditions: readonly Condition[]): unknown[] | undefined {
  const shape: unknown[] = [];
  for (const condition of conditions) {
    if (!addShape(condition, shape)) return undefined;
  }
  return shape;
}

function addShape(condition: Condition, shape: unknown[]): boolean {
  if (condition instanceof Q) {
    const children: unknown[] = [condition.op];
    for (const child of compiledChildren(condition)) {
      if (!addShape(child, children)) return false;
    }
    shape.push(children);
    return true;
  }
  for (const key of Object.keys(condition)) {
    const kind = kindOf(condition[key]);
    if (kind === undefined || !KEY.test(key)) return false;
    shape.push(key, kind);
  }
  return true;
}

/** How a value shapes the SQL: `"n"` null, `true`/`false`, an array's length, `"v"` a value. */
function kindOf(value: unknown): string | number | boolean | undefined {
  if (value === null) return "n";
  switch (typeof value) {
    case "string":
    case "number":
    case "bigint":
      return "v";
    case "boolean":
      return value;
    case "object":
      if (value instanceof Date || value instanceof Uint8Array) return "v";
      if (Array.isArray(value) && value.every((v) => kindOf(v) === "v")) return value.length;
      return undefined;
    default:
      return undefined;
  }
}

/**
 * The bind parameters of `conditions` for a WHERE clause compiled from another condition of the
 * same {@linkcode whereShape}, whose values the compiler met as `leaves`: each value goes through
 * the same lookup, so it is checked and converted exactly as a fresh compile would.
 */
export function whereParams(conditions: readonly Condition[], leaves: readonly Leaf[]): unknown[] {
  const params = new Params();
  let at = 0;
  const bind = (condition: Condition): void => {
    if (condition instanceof Q) {
      for (const child of compiledChildren(condition)) bind(child);
      return;
    }
    for (const key of Object.keys(condition)) {
      const leaf = leaves[at++];
      LOOKUPS[leaf.lookup](leaf.sql, condition[key], leaf.field, params);
    }
  };
  for (const condition of conditions) bind(condition);
  return params.values;
}

/** The children the compiler reads: NOT negates its first one only. */
function compiledChildren(q: Q): readonly Condition[] {
  return q.op === "not" ? q.children.slice(0, 1) : q.children;
}
