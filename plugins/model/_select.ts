import { type Aggregate, compileAggregate } from "./_aggregates.ts";
import { FieldError } from "./_errors.ts";
import type { AnyField } from "./_field.ts";
import { type Model, resolveTarget } from "./_model.ts";
import { From, resolveField } from "./_paths.ts";
import { compileCondition, type Condition, Q } from "./_q.ts";
import { isIdentifier, Params, quote } from "./_sql.ts";
import { type Leaf, whereParams, whereShape } from "./_where_shape.ts";

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

/** Compiles the WHERE clause (and the joins it needs), recording its values in `leaves`. */
export function compileWhere(
  state: QueryState,
  from: From,
  params: Params,
  leaves?: Leaf[],
): string {
  return state.where.length === 0
    ? ""
    : ` WHERE ${compileCondition(new Q("and", state.where), from, params, leaves)}`;
}

/** A compiled SELECT up to its ORDER BY, for one shape of state. */
interface Cached {
  readonly head: string;
  readonly leaves: readonly Leaf[];
  readonly decode: Compiled["decode"];
}

/** Compiled SELECTs by model and shape; a model keeps at most this many. */
const cache = new WeakMap<Model, Map<string, Cached>>();
const CACHED_SHAPES = 500;

/**
 * Compiles a SELECT of rows, related rows, values or annotations. Statements of the same shape
 * (the same filters, orderings, relations and fields, with other values) are compiled once per
 * model: then only the parameters are bound, through the same lookups.
 */
export function compileSelect(model: Model, state: QueryState, reverse = false): Compiled {
  const key = shapeKey(state, reverse);
  let shapes = cache.get(model);
  const hit = key === undefined ? undefined : shapes?.get(key);
  if (hit !== undefined) {
    return {
      text: hit.head + tail(state),
      params: whereParams(state.where, hit.leaves),
      decode: hit.decode,
    };
  }
  const leaves: Leaf[] = [];
  const compiled = compileFresh(model, state, reverse, leaves);
  if (key !== undefined) {
    if (shapes === undefined) cache.set(model, shapes = new Map());
    if (shapes.size >= CACHED_SHAPES) shapes.clear();
    shapes.set(key, { head: compiled.head, leaves, decode: compiled.decode });
  }
  return { text: compiled.head + tail(state), params: compiled.params, decode: compiled.decode };
}

/** The cache key of a state without annotations, or `undefined` to compile it every time. */
function shapeKey(state: QueryState, reverse: boolean): string | undefined {
  for (const _ in state.annotations) return undefined;
  const where = whereShape(state.where);
  if (where === undefined) return undefined;
  const { order, related, only, values, distinct } = state;
  return JSON.stringify([where, order ?? 0, related, only ?? 0, values ?? 0, distinct, reverse]);
}

/** LIMIT, OFFSET and FOR UPDATE: what follows the ORDER BY. */
function tail(state: QueryState): string {
  return state.forUpdate ? `${slice(state)} FOR UPDATE OF t0` : slice(state);
}

function compileFresh(
  model: Model,
  state: QueryState,
  reverse: boolean,
  leaves: Leaf[],
): { head: string; params: unknown[]; decode: Compiled["decode"] } {
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
    const only = state.only === undefined ? undefined : onlyByPath(state.only, state.related);
    const fields = only === undefined ? model.columns : onlyFields(model, only.get("") ?? []);
    selectModel(fields, "t0", columns, (read) => decoders.push((row, out) => read(row, out)));
    groupBy.push(`t0.${model.pk.quoted}`);
    for (const path of state.related) {
      const { alias, target } = joinRelated(from, path);
      groupBy.push(`${alias}.${target.pk.quoted}`);
      const names = only?.get(path);
      const targetFields = names === undefined ? target.columns : onlyFields(target, names);
      selectModel(targetFields, alias, columns, (read) =>
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
  const where = compileWhere(state, from, params, leaves);
  let head = `SELECT ${state.distinct ? "DISTINCT " : ""}${
    columns.join(", ")
  } FROM ${from}${where}`;
  if (annotations.length > 0 && groupBy.length > 0) head += ` GROUP BY ${groupBy.join(", ")}`;
  head += orderBy(from, state, reverse);
  return {
    head,
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

/**
 * The names `only()` lists, by the relation they belong to: `""` for the model's own fields,
 * `"author"` for `"author.username"`.
 *
 * @throws {FieldError} For a relation path that `selectRelated` does not load.
 */
function onlyByPath(names: readonly string[], related: readonly string[]): Map<string, string[]> {
  const byPath = new Map<string, string[]>();
  for (const name of names) {
    const dot = name.lastIndexOf(".");
    const path = dot === -1 ? "" : name.slice(0, dot);
    if (path !== "" && !related.includes(path)) {
      throw new FieldError(
        `Cannot load only ${JSON.stringify(name)}: add selectRelated(${JSON.stringify(path)})`,
      );
    }
    const list = byPath.get(path);
    if (list === undefined) byPath.set(path, [name.slice(dot + 1)]);
    else list.push(name.slice(dot + 1));
  }
  return byPath;
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
