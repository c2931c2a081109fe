import type { Database } from "./_database.ts";
import { IntegrityError } from "./_errors.ts";
import type { Condition } from "./_q.ts";
import type { QuerySet } from "./_query_set.ts";
import type { AnyFields } from "./_types.ts";

type Rows = QuerySet<AnyFields, Record<string, unknown>>;
type Data = Record<string, unknown>;

/**
 * The row matching `lookup`, or a new one from `lookup` and `defaults`. A concurrent insert
 * that wins the race (a unique violation) is answered with the row it made.
 */
export async function getOrCreate(
  db: Database,
  qs: Rows,
  lookup: Data,
  defaults: Data,
): Promise<[Data, boolean]> {
  const found = await qs.filter(lookup as Condition).first();
  if (found !== undefined) return [found, false];
  try {
    return [await db.atomic(() => qs.create({ ...lookup, ...defaults })), true];
  } catch (error) {
    if (!(error instanceof IntegrityError)) throw error;
    return [await qs.get(lookup as Condition), false];
  }
}

/** Locks and updates the row matching `lookup` with `defaults`, or creates it. */
export async function updateOrCreate(
  db: Database,
  qs: Rows,
  lookup: Data,
  defaults: Data,
): Promise<[Data, boolean]> {
  return await db.atomic(async (): Promise<[Data, boolean]> => {
    const found = await qs.filter(lookup as Condition).selectForUpdate().first();
    if (found === undefined) return [await qs.create({ ...lookup, ...defaults }), true];
    if (Object.keys(defaults).length === 0) return [found, false];
    const pk = qs.model.pk.key;
    await qs.filter({ [pk]: found[pk] }).update(defaults);
    return [await qs.get({ [pk]: found[pk] }), false];
  });
}
