import type { Database } from "./_database.ts";
import { FieldError } from "./_errors.ts";
import { compileExpression, Expression, isNumeric, type ResolveField } from "./_expressions.ts";
import type { AnyField } from "./_field.ts";
import type { Model } from "./_model.ts";
import { From } from "./_paths.ts";
import { compileWhere, type QueryState } from "./_select.ts";
import { Params, quote } from "./_sql.ts";

/** A compiled write. */
export interface Statement {
  readonly text: string;
  readonly params: unknown[];
}

/** Decodes a RETURNING row (array mode) of `fields` (all columns by default) into `into`. */
export function decodeReturned(
  model: Model,
  row: unknown[],
  fields: readonly AnyField[] = model.columns,
  into: Record<string, unknown> = {},
): Record<string, unknown> {
  for (let i = 0; i < fields.length; i++) into[fields[i].key] = fields[i].fromDb(row[i]);
  return into;
}

/**
 * A multi-row INSERT of validated rows returning the `returned` columns (all by default); keys
 * a row lacks take the column default.
 */
export function compileInsert(
  model: Model,
  rows: readonly Record<string, unknown>[],
  returned: readonly AnyField[] = model.columns,
): Statement {
  const fields = model.columns.filter((f) => rows.some((row) => row[f.key] !== undefined));
  const table = quote(model.table);
  const back = returned.length === 0 ? "1" : returned.map((f) => f.quoted).join(", ");
  if (fields.length === 0) {
    if (rows.length !== 1) {
      throw new Error(`Cannot bulk-insert rows without values into ${model.name}`);
    }
    return { text: `INSERT INTO ${table} DEFAULT VALUES RETURNING ${back}`, params: [] };
  }
  const params = new Params();
  const tuples = rows.map((row) => {
    const values = fields.map((f) =>
      row[f.key] === undefined ? "DEFAULT" : f.placeholder(params.add(f.toDb(row[f.key])))
    );
    return `(${values.join(", ")})`;
  });
  const names = fields.map((f) => f.quoted).join(", ");
  return {
    text: `INSERT INTO ${table} (${names}) VALUES ${tuples.join(", ")} RETURNING ${back}`,
    params: params.values,
  };
}

/**
 * An UPDATE of every row the state selects. Plain values are validated (auto-updated
 * timestamps are set); `f()` expressions are computed by the database from each row.
 *
 * @throws {ValidationError} For invalid plain values.
 * @throws {FieldError} For an expression naming no field of the model itself, or arithmetic
 * assigned to a field that is not a number.
 */
export function compileUpdate(
  model: Model,
  state: QueryState,
  changes: Readonly<Record<string, unknown>>,
): Statement {
  refuseSliced(state, "update");
  const plain: Record<string, unknown> = {};
  const computed: Array<[AnyField, Expression]> = [];
  for (const [key, value] of Object.entries(changes)) {
    if (value instanceof Expression) computed.push([updated(model, key, value), value]);
    else plain[key] = value;
  }
  const params = new Params();
  const sets = Object.entries(model.validate(plain, { partial: true })).map(([key, value]) => {
    const f = model.fieldByKey(key)!;
    return `${f.quoted} = ${f.placeholder(params.add(f.toDb(value)))}`;
  });
  for (const [f, expression] of computed) {
    sets.push(`${f.quoted} = ${compileExpression(expression, ownField(model), params)}`);
  }
  if (sets.length === 0) throw new FieldError(`Cannot update ${model.name}: no changes given`);
  const { table, where } = target(model, state, params);
  return { text: `UPDATE ${table} SET ${sets.join(", ")}${where}`, params: params.values };
}

/** The field an expression is assigned to in an update. */
function updated(model: Model, key: string, expression: Expression): AnyField {
  const f = model.fields.get(key) ?? model.fieldByKey(key);
  if (f === undefined || !f.concrete) {
    throw new FieldError(`Cannot update "${key}": it is not a field of ${model.name}`);
  }
  if (expression.steps.length > 0 && !isNumeric(f)) {
    throw new FieldError(
      `Cannot set ${model.name}.${f.name} to arithmetic: it is a ${f.kind} field, not a number`,
    );
  }
  return f;
}

/** Resolves the fields of expressions in an update: the model's own, as unqualified columns. */
function ownField(model: Model): ResolveField {
  return (path) => {
    const f = path === "pk" ? model.pk : model.fields.get(path) ?? model.fieldByKey(path);
    if (f === undefined || !f.concrete) {
      throw new FieldError(
        `Cannot use f(${JSON.stringify(path)}) in update(): name a field of ${model.name} ` +
          `(fields of related models cannot be used there)`,
      );
    }
    if (f.private) {
      throw new FieldError(
        `Cannot use private field "${model.name}.${f.name}" in f(): private fields allow only ` +
          `an exact match on their own model`,
      );
    }
    return { sql: f.quoted, field: f };
  };
}

/** A DELETE of every row the state selects. */
export function compileDelete(model: Model, state: QueryState): Statement {
  refuseSliced(state, "delete");
  const params = new Params();
  const { table, where } = target(model, state, params);
  return { text: `DELETE FROM ${table}${where}`, params: params.values };
}

function target(model: Model, state: QueryState, params: Params) {
  const from = new From(model);
  const where = compileWhere(state, from, params);
  if (!from.joined) return { table: `${quote(model.table)} AS t0`, where };
  const pk = model.pk.quoted;
  return {
    table: quote(model.table),
    where: ` WHERE ${pk} IN (SELECT t0.${pk} FROM ${from}${where})`,
  };
}

function refuseSliced(state: QueryState, what: string): void {
  if (state.limit !== undefined || state.offset !== undefined) {
    throw new FieldError(`Cannot ${what} a sliced QuerySet: filter it instead of limit/offset`);
  }
}

/**
 * Validates and inserts rows with multi-row INSERTs (one transaction when there are several
 * batches), filling in the values the database generated. Returns the validated rows.
 */
export async function insertMany(
  db: Database,
  model: Model,
  data: readonly unknown[],
  batchSize?: number,
): Promise<Record<string, unknown>[]> {
  const rows = data.map((d) => model.validate(d as never));
  const size = batchSize ?? Math.max(1, Math.floor(65_000 / model.columns.length));
  const generated = model.columns.filter((f) => rows.some((row) => row[f.key] === undefined));
  const run = async () => {
    for (let i = 0; i < rows.length; i += size) {
      const chunk = rows.slice(i, i + size);
      const { text, params } = compileInsert(model, chunk, generated);
      const result = await db.run(text, params, "array");
      result.rows.forEach((r, j) => decodeReturned(model, r as unknown[], generated, chunk[j]));
    }
  };
  if (rows.length > size) await db.atomic(run);
  else await run();
  return rows;
}
