import type { Aggregate } from "./_aggregates.ts";
import type { Database } from "./_database.ts";
import { DoesNotExist, FieldError, MultipleObjectsReturned } from "./_errors.ts";
import type { Model } from "./_model.ts";
import { prefetch } from "./_prefetch.ts";
import { type Condition, Q } from "./_q.ts";
import { compileCount, compileSelect, EMPTY_STATE, pkSelect, type QueryState } from "./_select.ts";
import { decodeReturned } from "./_writes.ts";

type Row = Record<string, unknown>;

/** What a QuerySet runs: its database, model and recorded state. */
export interface Query {
  readonly db: Database;
  readonly model: Model;
  readonly state: QueryState;
}

/** Runs a SELECT of the state (in reverse order for `last()`) and its prefetches. */
export async function fetchRows(query: Query, reverse = false): Promise<Row[]> {
  const { db, model, state } = query;
  if (state.forUpdate) db.requireTransaction("selectForUpdate()");
  const { text, params, decode } = compileSelect(model, state, reverse);
  const result = await db.run(text, params, "array");
  const rows = (result.rows as unknown[][]).map(decode);
  for (const path of state.prefetch) await prefetch(db, model, rows, path);
  return rows;
}

/**
 * The one row matching the state and `conditions`; a lone primary-key condition on
 * `Model.objects` runs a statement compiled once per model.
 *
 * @throws {DoesNotExist} When none matches.
 * @throws {MultipleObjectsReturned} When several match.
 */
export async function fetchOne(query: Query, conditions: readonly Condition[]): Promise<Row> {
  const { db, model, state } = query;
  const key = state === EMPTY_STATE && conditions.length === 1 ? soleKey(conditions[0]) : undefined;
  if (key === "pk" || key === model.pk.key) {
    const value = (conditions[0] as Row)[key];
    if (typeof value === "number" || typeof value === "string" || typeof value === "bigint") {
      const result = await db.run(pkSelect(model), [model.pk.toDb(value)], "array");
      if (result.rows.length === 0) throw new DoesNotExist(model.name);
      return decodeReturned(model, result.rows[0] as unknown[]);
    }
  }
  const where = [...state.where, ...conditions];
  const rows = await fetchRows({ db, model, state: { ...state, where, limit: 2 } });
  if (rows.length === 0) throw new DoesNotExist(model.name);
  if (rows.length > 1) throw new MultipleObjectsReturned(model.name, rows.length);
  return rows[0];
}

function soleKey(condition: Condition): string | undefined {
  if (condition instanceof Q) return undefined;
  let found: string | undefined;
  for (const key in condition) {
    if (found !== undefined) return undefined;
    found = key;
  }
  return found;
}

/** Whether any row matches. */
export async function rowsExist(query: Query): Promise<boolean> {
  const { text, params } = compileSelect(query.model, {
    ...query.state,
    values: ["pk"],
    annotations: {},
    order: [],
    limit: 1,
    prefetch: [],
  });
  return (await query.db.run(text, params, "array")).rows.length > 0;
}

/** How many rows match. */
export async function countRows(query: Query): Promise<number> {
  const { text, params } = compileCount(query.model, query.state);
  const result = await query.db.run(text, params, "array");
  return Number((result.rows[0] as unknown[])[0]);
}

/** Aggregates over the matching rows, as one object. */
export async function aggregateRows(
  query: Query,
  aggregates: Readonly<Record<string, Aggregate>>,
): Promise<Row> {
  const { db, model, state } = query;
  if (state.limit !== undefined || state.offset !== undefined) {
    throw new FieldError("Cannot aggregate a sliced QuerySet: filter it instead");
  }
  const { text, params, decode } = compileSelect(model, {
    ...state,
    values: [],
    annotations: aggregates,
    order: [],
    related: [],
    prefetch: [],
  });
  const result = await db.run(text, params, "array");
  return decode(result.rows[0] as unknown[]);
}

/**
 * Yields rows fetched in chunks of `chunkSize`: by primary key ranges when unordered,
 * otherwise by offset. A sliced state is fetched at once.
 */
export async function* iterateRows(query: Query, chunkSize: number): AsyncGenerator<Row> {
  const { model, state } = query;
  if (state.limit !== undefined || state.offset !== undefined) {
    yield* await fetchRows(query);
    return;
  }
  const ordered = (state.order ?? model.options.ordering ?? []).length > 0 ||
    state.values !== undefined;
  const pk = model.pk;
  let last: unknown = undefined;
  for (let offset = 0;; offset += chunkSize) {
    const where = !ordered && last !== undefined
      ? [...state.where, { [`${pk.key}__gt`]: last }]
      : state.where;
    const rows = await fetchRows({
      ...query,
      state: {
        ...state,
        where,
        order: ordered ? state.order : [pk.name],
        limit: chunkSize,
        offset: ordered ? offset : undefined,
      },
    });
    yield* rows;
    if (rows.length < chunkSize) return;
    last = rows[rows.length - 1][pk.key];
  }
}
