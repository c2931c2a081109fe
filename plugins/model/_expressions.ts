import { FieldError } from "./_errors.ts";
import type { AnyField } from "./_field.ts";
import type { Params } from "./_sql.ts";

/**
 * A value in an expression: a number (a `bigint` for bigint fields, a number or a decimal
 * string such as `"1.05"` for decimal fields), or another expression.
 *
 * @example Operands
 * ```ts
 * import { f, type Operand } from "@plinth/plinth/model";
 *
 * const operands: Operand[] = [1, 10n, "1.05", f("dislikes")];
 * ```
 */
export type Operand = number | bigint | string | Expression;

/**
 * A value the database computes from each row (Django's `F`), made with {@linkcode f}:
 * `f("likes")` is the row's `likes`, `f("likes").add(1)` that plus one. In `update()` it makes
 * atomic changes (`likes = likes + $1`, so concurrent increments lose nothing); as a filter
 * value it compares two fields (`filter({ likes__gt: f("dislikes") })`). Operations apply left
 * to right.
 *
 * @example Operations chain left to right
 * ```ts
 * import { Expression, f } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const doubled = f("likes").add(1).mul(2);
 * assert.ok(doubled instanceof Expression);
 * assert.equal(doubled.path, "likes");
 * assert.deepEqual(doubled.steps, [{ op: "+", operand: 1 }, { op: "*", operand: 2 }]);
 * ```
 */
export class Expression {
  /** The field path the expression starts from, such as `"likes"`. */
  readonly path: string;
  /** The arithmetic applied to the field's value, in order: operators and right-hand sides. */
  readonly steps: readonly { readonly op: "+" | "-" | "*"; readonly operand: Operand }[];

  /** Use {@linkcode f}. */
  constructor(path: string, steps: Expression["steps"] = []) {
    this.path = path;
    this.steps = steps;
  }

  /** This plus `operand`. */
  add(operand: Operand): Expression {
    return new Expression(this.path, [...this.steps, { op: "+", operand }]);
  }

  /** This minus `operand`. */
  sub(operand: Operand): Expression {
    return new Expression(this.path, [...this.steps, { op: "-", operand }]);
  }

  /** This times `operand`. */
  mul(operand: Operand): Expression {
    return new Expression(this.path, [...this.steps, { op: "*", operand }]);
  }
}

/**
 * A reference to a field of each row, for arithmetic the database does: use it in `update()`
 * for atomic changes and as a filter value to compare fields. In `update()` it names a field
 * of the model itself; in filters it may follow relations (`f("author.karma")`). Arithmetic
 * needs number fields (integer, bigint, float, decimal); private fields are refused.
 *
 * @param path A field name, or in filters a field path such as `"author.karma"`.
 * @returns An expression to compute with `add`, `sub` and `mul`.
 *
 * @example An atomic increment, and comparing two fields
 * ```ts
 * import { connect, defineModel, f, field } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const Post = defineModel("Post", {
 *   likes: field.integer({ default: 0 }),
 *   dislikes: field.integer({ default: 0 }),
 * });
 * const db = await connect("memory://");
 * db.register([Post], { migrations: await Deno.makeTempDir() });
 * await db.makeMigrations();
 * await db.migrate();
 * const post = await Post.objects.create({ dislikes: 1 });
 * await Post.objects.filter({ id: post.id }).update({ likes: f("likes").add(2) });
 * assert.equal((await Post.objects.get({ id: post.id })).likes, 2);
 * assert.equal(await Post.objects.filter({ likes__gt: f("dislikes").mul(2) }).count(), 0);
 * assert.equal(await Post.objects.filter({ likes__gt: f("dislikes") }).count(), 1);
 * await db.close();
 * ```
 */
export function f(path: string): Expression {
  return new Expression(path);
}

/** Resolves an expression's field path to its SQL and field, or throws a FieldError. */
export type ResolveField = (path: string) => { readonly sql: string; readonly field: AnyField };

const NUMBER_KINDS = new Set(["auto", "bigAuto", "integer", "bigint", "float", "decimal"]);

/** Whether a field holds numbers that expressions can compute with. */
export function isNumeric(field: AnyField): boolean {
  return NUMBER_KINDS.has(field.kind);
}

/**
 * Compiles an expression to SQL, adding its literal operands to `params`, each bound as the
 * type of the field the expression starts from.
 *
 * @throws {FieldError} For arithmetic on a field that is not a number, or an operand that does
 * not fit the field.
 */
export function compileExpression(
  expression: Expression,
  resolve: ResolveField,
  params: Params,
): string {
  return compile(expression, { resolve, params, inArithmetic: false });
}

function compile(
  expression: Expression,
  context: { resolve: ResolveField; params: Params; inArithmetic: boolean },
): string {
  const { sql, field } = context.resolve(expression.path);
  if (context.inArithmetic || expression.steps.length > 0) numeric(expression, field);
  let text = sql;
  for (const [i, { op, operand }] of expression.steps.entries()) {
    let right: string;
    if (operand instanceof Expression) {
      right = compile(operand, { ...context, inArithmetic: true });
      if (operand.steps.length > 0) right = `(${right})`;
    } else {
      const value = field.toDb(literal(expression, field, operand));
      right = field.placeholder(context.params.add(value));
    }
    text = `${i === 0 ? text : `(${text})`} ${op} ${right}`;
  }
  return text;
}

function numeric(expression: Expression, field: AnyField): void {
  if (!isNumeric(field)) {
    throw new FieldError(
      `Cannot compute with f(${JSON.stringify(expression.path)}): it is a ${field.kind} field; ` +
        `arithmetic needs an integer, bigint, float or decimal field`,
    );
  }
}

/** Checks a literal operand against the field and returns the value to bind. */
function literal(expression: Expression, field: AnyField, value: unknown): unknown {
  let problem: string | undefined;
  if (field.kind === "decimal") {
    const ok = (typeof value === "number" && Number.isFinite(value)) ||
      (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value));
    problem = ok ? undefined : 'Enter a number or a decimal string such as "1.05"';
    value = String(value);
  } else {
    problem = field.type.check(value);
  }
  if (problem !== undefined) {
    throw new FieldError(
      `Invalid operand ${String(value)} for f(${JSON.stringify(expression.path)}): ${problem}`,
    );
  }
  return value;
}
