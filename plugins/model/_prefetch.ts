import type { Database } from "./_database.ts";
import { FieldError } from "./_errors.ts";
import { type Model, resolveTarget } from "./_model.ts";
import { linkOf } from "./_registry.ts";
import { EMPTY_STATE, orderBy } from "./_select.ts";
import { From } from "./_paths.ts";
import { decodeReturned } from "./_writes.ts";
import { fetchRows } from "./_fetch.ts";
import { Params, quote } from "./_sql.ts";

type Row = Record<string, unknown>;

/**
 * Loads a relation for many rows with one query and attaches it: a foreign key's row as
 * `row.author`, reverse and many-to-many relations as arrays. `"posts.tags"` goes on to the
 * loaded rows, one more query per level.
 */
export async function prefetch(
  db: Database,
  model: Model,
  rows: Row[],
  path: string,
): Promise<void> {
  if (rows.length === 0) return;
  const [name, ...rest] = path.split(".");
  const f = model.fields.get(name);
  const reverse = model.reverse.get(name);
  let loaded: Row[];
  if (f?.relation !== undefined && f.concrete) {
    const target = resolveTarget(f);
    const ids = unique(rows.map((row) => row[f.key]).filter((id) => id !== null));
    loaded = ids.length === 0 ? [] : await query(db, target, { [`${target.pk.key}__in`]: ids });
    const byId = new Map(loaded.map((r) => [r[target.pk.key], r]));
    for (const row of rows) row[name] = byId.get(row[f.key]) ?? null;
  } else if (reverse !== undefined && reverse.field.concrete) {
    const pks = unique(rows.map((row) => row[model.pk.key]));
    loaded = await query(db, reverse.model, { [`${reverse.field.key}__in`]: pks });
    const groups = groupBy(loaded, (r) => r[reverse.field.key]);
    for (const row of rows) row[name] = groups.get(row[model.pk.key]) ?? [];
  } else if (f?.relation !== undefined || reverse !== undefined) {
    const forward = f !== undefined;
    const m2m = forward ? f : reverse!.field;
    const link = linkOf(m2m);
    const other = forward ? resolveTarget(m2m) : reverse!.model;
    const [mine, theirs] = forward ? [link.source, link.target] : [link.target, link.source];
    const pks = unique(rows.map((row) => row[model.pk.key]));
    const params = new Params();
    const ids = pks.map((pk) => params.add(model.pk.toDb(pk))).join(", ");
    const [head, order] = linkSelect(model, name, () => {
      const from = new From(other);
      return [
        `SELECT j.${mine.quoted}, ${other.columns.map((c) => `t0.${c.quoted}`).join(", ")} ` +
        `FROM ${from} JOIN ${quote(link.through.table)} AS j ` +
        `ON j.${theirs.quoted} = t0.${other.pk.quoted} WHERE j.${mine.quoted} IN (`,
        `)${orderBy(from, EMPTY_STATE, false)}`,
      ];
    });
    const result = await db.run(head + ids + order, params.values, "array");
    const pairs = (result.rows as unknown[][]).map((r) =>
      [mine.fromDb(r[0]), decodeReturned(other, r.slice(1))] as const
    );
    loaded = pairs.map((p) => p[1]);
    const groups = groupBy(pairs, (p) => p[0]);
    for (const row of rows) row[name] = (groups.get(row[model.pk.key]) ?? []).map((p) => p[1]);
  } else {
    throw new FieldError(
      `Cannot prefetchRelated(${
        JSON.stringify(path)
      }): "${name}" is not a relation of ${model.name}`,
    );
  }
  if (rest.length > 0) {
    const next = f?.relation !== undefined && f.concrete
      ? resolveTarget(f)
      : (reverse?.model ?? resolveTarget(f!));
    await prefetch(db, next, loaded, rest.join("."));
  }
}

/** The text around the id list of a many-to-many prefetch, made once per model and relation. */
const linkSelects = new WeakMap<Model, Map<string, readonly [string, string]>>();

function linkSelect(
  model: Model,
  name: string,
  make: () => readonly [string, string],
): readonly [string, string] {
  let texts = linkSelects.get(model);
  if (texts === undefined) linkSelects.set(model, texts = new Map());
  let text = texts.get(name);
  if (text === undefined) texts.set(name, text = make());
  return text;
}

async function query(db: Database, model: Model, filter: Row): Promise<Row[]> {
  return await fetchRows({ db, model, state: { ...EMPTY_STATE, where: [filter] } });
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function groupBy<T>(items: T[], key: (item: T) => unknown): Map<unknown, T[]> {
  const groups = new Map<unknown, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
