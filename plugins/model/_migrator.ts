import type { Database } from "./_database.ts";
import {
  type LoadedMigration,
  type ModelApp,
  orderMigrations,
  readMigrations,
} from "./_migration.ts";
import { applyToState, backwardSteps, forwardSteps, type Step } from "./_operations.ts";
import type { SchemaState } from "./_schema.ts";

const HISTORY = "plinth_migrations";
/** The advisory lock key held while migrating ("plinth" in ASCII). */
const LOCK = 0x706c696e7468n;

/**
 * What `migrate` did: the keys applied or unapplied, in order.
 *
 * @example What migrate reports
 * ```ts
 * import type { MigrateResult } from "@plinth/plinth/model";
 *
 * const result: MigrateResult = { applied: ["app:0001_initial"], unapplied: [] };
 * ```
 */
export interface MigrateResult {
  /** Keys applied, in order. */
  readonly applied: string[];
  /** Keys unapplied, in order. */
  readonly unapplied: string[];
}

/** Every migration of the apps, in dependency order. */
export async function loadAll(apps: Iterable<ModelApp>): Promise<LoadedMigration[]> {
  const all: LoadedMigration[] = [];
  for (const app of apps) all.push(...await readMigrations(app));
  return orderMigrations(all);
}

/** The schema after applying `migrations` in order. */
export function replay(migrations: readonly LoadedMigration[]): SchemaState {
  let state: SchemaState = {};
  for (const m of migrations) {
    for (const op of m.migration.operations) state = applyToState(state, op);
  }
  return state;
}

/** The keys recorded as applied. */
export async function appliedKeys(db: Database): Promise<Set<string>> {
  await ensureHistory(db);
  const rows = await db.sql<{ app: string; name: string }>`SELECT app, name FROM plinth_migrations`;
  return new Set(rows.map((r) => `${r.app}:${r.name}`));
}

async function ensureHistory(db: Database): Promise<void> {
  const [{ exists }] = await db.sql<
    { exists: boolean }
  >`SELECT to_regclass(${HISTORY}) IS NOT NULL AS exists`;
  if (exists) return;
  await db.atomic(async () => {
    await db.sql`SELECT pg_advisory_xact_lock(${LOCK})`;
    await db.run(
      `CREATE TABLE IF NOT EXISTS ${HISTORY} (app text NOT NULL, name text NOT NULL, ` +
        `applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (app, name))`,
      [],
      "array",
    );
  });
}

/**
 * Applies pending migrations in order, each in its own transaction under an advisory lock (a
 * second instance migrating at once waits, then skips what the first applied). With `target`
 * (`"<app>:<name>"` or `"<app>:zero"`), unapplies the app's later migrations instead.
 */
export async function migrate(
  db: Database,
  apps: Iterable<ModelApp>,
  target?: string,
): Promise<MigrateResult> {
  const all = await loadAll(apps);
  await appliedKeys(db);
  const result: MigrateResult = { applied: [], unapplied: [] };
  if (target !== undefined) {
    const [app, name] = target.split(":");
    const own = all.filter((m) => m.app === app);
    if (name !== "zero" && !own.some((m) => m.name === name)) {
      throw new Error(`Cannot migrate to "${target}": no such migration; run showmigrations`);
    }
    const undo = own.filter((m) => name === "zero" || m.name > name);
    const dependents = all.filter((m) => m.app !== app && dependsOnAny(m, undo, all));
    const toUndo = new Set([...undo, ...dependents].map((m) => m.key));
    for (let i = all.length - 1; i >= 0; i--) {
      const m = all[i];
      if (!toUndo.has(m.key)) continue;
      const done = await step(db, m, all.slice(0, i), "backward");
      if (done) result.unapplied.push(m.key);
    }
    return result;
  }
  for (let i = 0; i < all.length; i++) {
    const done = await step(db, all[i], all.slice(0, i), "forward");
    if (done) result.applied.push(all[i].key);
  }
  return result;
}

function dependsOnAny(
  m: LoadedMigration,
  undo: LoadedMigration[],
  all: LoadedMigration[],
): boolean {
  const keys = new Set(undo.map((u) => u.key));
  const seen = new Set<string>();
  const walk = (x: LoadedMigration): boolean => {
    if (seen.has(x.key)) return false;
    seen.add(x.key);
    return (x.migration.dependencies ?? []).some((d) =>
      keys.has(d) || walk(all.find((a) => a.key === d)!)
    );
  };
  return walk(m);
}

async function step(
  db: Database,
  m: LoadedMigration,
  before: LoadedMigration[],
  direction: "forward" | "backward",
): Promise<boolean> {
  return await db.atomic(async () => {
    await db.sql`SELECT pg_advisory_xact_lock(${LOCK})`;
    const [row] = await db
      .sql`SELECT 1 FROM plinth_migrations WHERE app = ${m.app} AND name = ${m.name}`;
    if ((row !== undefined) === (direction === "forward")) return false;
    for (const s of stepsOf(m, replay(before), direction)) {
      if (typeof s === "string") await db.run(s, [], "array");
      else await s(db);
    }
    if (direction === "forward") {
      await db.sql`INSERT INTO plinth_migrations (app, name) VALUES (${m.app}, ${m.name})`;
    } else {
      await db.sql`DELETE FROM plinth_migrations WHERE app = ${m.app} AND name = ${m.name}`;
    }
    return true;
  });
}

/** The steps of a migration in one direction, given the schema before it. */
export function stepsOf(
  m: LoadedMigration,
  before: SchemaState,
  direction: "forward" | "backward",
): Step[] {
  const states: SchemaState[] = [before];
  for (const op of m.migration.operations) states.push(applyToState(states[states.length - 1], op));
  if (direction === "forward") {
    return m.migration.operations.flatMap((op, i) => forwardSteps(op, states[i]));
  }
  return m.migration.operations.map((op, i) => backwardSteps(op, states[i])).reverse().flat();
}
