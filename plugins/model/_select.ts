import { type Aggregate, compileAggregate } from "./_aggregates.ts";
import { FieldError } from "./_errors.ts";
import type { AnyField } from "./_field.ts";
import { type Model, resolveTarget } from "./_model.ts";
import { From, resolveField } from "./_paths.ts";
import { compileCondition, type Condition, Q } from "./_q.ts";
import { isIdentifier, Params, quote } from "./_sql.ts";

/** Everything a QuerySet has recorded. */
export interface QueryState {
  readonly where: readonly Condition[];
  readonly order: readonly string[] | undefined;
  readonly limit: number | undefined;
  readonly offset: number | undefined;
  readonly distinct: boolean;
  readonly related: readonly string[];
  readonly prefetch: readonly string[];
  readonly only: readonly string[] | undefined;
  readonly values: readonly string[] | undefined;
  readonly annotations: Readonly<Record<string, Aggregate>>;
  readonly forUpdate: boolean;
}

/** The state of `Model.objects`. */
export const EMPTY_STATE: QueryState = {
  where: [],
  order: undefined,
  limit: undefined,
  offset: undefined,
  distinct: false,
  related: [],
  prefetch: [],
  only: undefined,
  values: undefined,
  annotations: {},
  forUpdate: false,
};

/** A compiled statement and how to turn its array rows into results. */
export interface Compiled {
  readonly text: string;
  readonly params: unknown[];
  readonly decode: (row: unknown[]) => Record<string, unknown>;
}

/** Compiles the WHERE clause (and the joins it needs). */
export function compileWhere(state: QueryState, from: From, params: Params): string {
  return state.where.length === 0
    ? ""
    : ` WHERE ${compileCondition(new Q("and", state.where), from, params)}`;
}

/** Compiles a SELECT of rows, related rows, values or annotations. */
export function compileSelect(model: Model, state: QueryState, reverse = false): Compiled {
  const from = new From(model);
  const params = new Params();
  const columns: string[] = [];
  const decoders: Array<(row: unknown[], out: Record<string, unknown>) => void> = [];
  const groupBy: string[] = [];
  if (state.values !== undefined) {
    for (const key of state.values) {
      if (Object.hasOwn(state.annotations, key)) continue;
      const resolved = resolveField(from, key);
      const at = columns.push(resolved.sql) - 1;
      groupBy.push(resolved.sql);
      decoders.push((row, out) => out[key] = resolved.field.fromDb(row[at]));
    }
  } else {
    const fields = state.only === undefined ? model.columns : onlyFields(model, state.only);
    selectModel(fields, "t0", columns, (read) => decoders.push((row, out) => read(row, out)));
    groupBy.push(`t0.${model.pk.quoted}`);
    for (const path of state.related) {
      const { alias, target } = joinRelated(from, path);
      groupBy.push(`${alias}.${target.pk.quoted}`);
      selectModel(target.columns, alias, columns, (read) =>
        decoders.push((row, out) => {
          const related: Record<string, unknown> = {};
          read(row, related);
          setPath(out, path, related[target.pk.key] === null ? null : related);
        }));
    }
  }
  const annotations = Object.entries(state.annotations);
  for (const [alias, aggregate] of annotations) {
    checkAlias(model, alias);
    const { sql, decode } = compileAggregate(aggregate, from);
    const at = columns.push(`${sql} AS ${quote(alias)}`) - 1;
    decoders.push((row, out) => out[alias] = decode(row[at]));
  }
  const where = compileWhere(state, from, params);
  let text = `SELECT ${state.distinct ? "DISTINCT " : ""}${
    columns.join(", ")
  } FROM ${from}${where}`;
  if (annotations.length > 0 && groupBy.length > 0) text += ` GROUP BY ${groupBy.join(", ")}`;
  text += orderBy(from, state, reverse);
  text += slice(state);
  if (state.forUpdate) text += " FOR UPDATE OF t0";
  return {
    text,
    params: params.values,
    decode(row) {
      const out: Record<string, unknown> = {};
      for (const decode of decoders) decode(row, out);
      return out;
    },
  };
}

const pkSelects = new WeakMap<Model, string>();

/** `SELECT <columns> FROM <table> AS t0 WHERE t0.<pk> = $1`, compiled once per model. */
export function pkSelect(model: Model): string {
  let text = pkSelects.get(model);
  if (text === undefined) {
    const columns = model.columns.map((f) => `t0.${f.quoted}`).join(", ");
    text = `SELECT ${columns} FROM ${quote(model.table)} AS t0 WHERE t0.${model.pk.quoted} = $1`;
    pkSelects.set(model, text);
  }
  return text;
}

/** Compiles `SELECT COUNT(*)` for the rows the state selects. */
export function compileCount(model: Model, state: QueryState): { text: string; params: unknown[] } {
  if (state.distinct || state.limit !== undefined || state.offset !== undefined) {
    const inner = compileSelect(model, { ...state, order: [], related: [] });
    return { text: `SELECT COUNT(*) FROM (${inner.text}) AS s`, params: inner.params };
  }
  const from = new From(model);
  const params = new Params();
  const where = compileWhere(state, from, params);
  return { text: `SELECT COUNT(*) FROM ${from}${where}`, params: params.values };
}

/** ORDER BY for the state, the model's default ordering, or nothing. */
export function orderBy(from: From, state: QueryState, reverse: boolean): string {
  const grouped = state.values !== undefined &&
    (state.distinct || Object.keys(state.annotations).length > 0);
  let specs = state.order ?? (grouped ? [] : from.model.options.ordering ?? []);
  if (reverse && specs.length === 0) specs = [`-${from.model.pk.name}`];
  if (specs.length === 0) return "";
  const terms = specs.map((spec) => {
    const desc = spec.startsWith("-") !== reverse;
    const name = spec.replace(/^-/, "");
    const sql = Object.hasOwn(state.annotations, name) ? quote(name) : resolveField(from, name).sql;
    return desc ? `${sql} DESC` : sql;
  });
  return ` ORDER BY ${terms.join(", ")}`;
}

/** LIMIT and OFFSET as literals: they are checked integers, and literals plan better. */
function slice(state: QueryState): string {
  let text = "";
  if (state.limit !== undefined) text += ` LIMIT ${Math.trunc(state.limit)}`;
  if (state.offset !== undefined) text += ` OFFSET ${Math.trunc(state.offset)}`;
  return text;
}

function selectModel(
  fields: readonly AnyField[],
  alias: string,
  columns: string[],
  add: (read: (row: unknown[], out: Record<string, unknown>) => void) => void,
): void {
  const start = columns.length;
  for (const f of fields) columns.push(`${alias}.${f.quoted}`);
  add((row, out) => {
    for (let i = 0; i < fields.length; i++) out[fields[i].key] = fields[i].fromDb(row[start + i]);
  });
}

function onlyFields(model: Model, names: readonly string[]): AnyField[] {
  const picked = new Set<AnyField>([model.pk]);
  for (const name of names) {
    const f = model.fields.get(name) ?? model.fieldByKey(name);
    if (f === undefined || !f.concrete) {
      throw new FieldError(
        `Cannot select ${JSON.stringify(name)}: it is not a field of ${model.name}`,
      );
    }
    picked.add(f);
  }
  return model.columns.filter((f) => picked.has(f));
}

function joinRelated(from: From, path: string): { alias: string; target: Model } {
  let model = from.model;
  const parts = path.split(".");
  for (const part of parts) {
    const f = model.fields.get(part);
    if (f?.relation === undefined || !f.concrete) {
      throw new FieldError(
        `Cannot selectRelated(${JSON.stringify(path)}): "${part}" is not a foreign key or ` +
          `one-to-one field of ${model.name}; use prefetchRelated for many-valued relations`,
      );
    }
    model = resolveTarget(f);
  }
  const resolved = from.resolve([...parts, "pk"], path, false);
  return { alias: resolved.alias, target: model };
}

function setPath(out: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let node = out;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  if (node !== null && node !== undefined) node[parts[parts.length - 1]] = value;
}

/** Checks an annotation or aggregate alias: an identifier that is not a field name. */
export function checkAlias(model: Model, alias: string): void {
  if (!isIdentifier(alias) || model.fields.has(alias) || model.fieldByKey(alias) !== undefined) {
    throw new FieldError(
      `Invalid alias ${
        JSON.stringify(alias)
      }: use letters, digits and "_", not a field name of ${model.name}`,
    );
  }
}
