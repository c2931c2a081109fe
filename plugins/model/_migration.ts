import type { Operation } from "./_operations.ts";

/**
 * A migration file's default export: the migrations it depends on (`"app:0001_initial"`) and
 * its operations. `makemigrations` writes them; data migrations add `runData` steps by hand.
 *
 * @example A hand-written data migration
 * ```ts
 * import type { Migration } from "@plinth/plinth/model";
 *
 * const migration: Migration = {
 *   dependencies: ["app:0001_initial"],
 *   operations: [{
 *     op: "runData",
 *     forward: async (db) => {
 *       await db.sql`UPDATE post SET slug = lower(title)`;
 *     },
 *     backward: async () => {},
 *   }],
 * };
 * ```
 */
export interface Migration {
  /** Migrations to apply first, as `"<app>:<name>"`; the previous one of the same app is implied. */
  readonly dependencies?: readonly string[];
  /** The steps, applied in order inside one transaction. */
  readonly operations: readonly Operation[];
}

/** A loaded migration. */
export interface LoadedMigration {
  readonly app: string;
  readonly name: string;
  /** `"<app>:<name>"`. */
  readonly key: string;
  readonly migration: Migration;
}

/** Where an app's models and migrations live. */
export interface ModelApp {
  readonly label: string;
  readonly dir: string | undefined;
}

const FILE = /^(\d{4}_[a-z0-9_]+)\.ts$/;

/** Reads an app's migration files, in name order. */
export async function readMigrations(app: ModelApp): Promise<LoadedMigration[]> {
  if (app.dir === undefined) return [];
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(dirUrl(app.dir))) {
      const m = FILE.exec(entry.name);
      if (entry.isFile && m) names.push(m[1]);
    }
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
  names.sort();
  const out: LoadedMigration[] = [];
  for (const name of names) {
    const url = new URL(`${name}.ts`, dirUrl(app.dir));
    const module = await import(url.href);
    const migration = module.default as Migration;
    if (!Array.isArray(migration?.operations)) {
      throw new Error(
        `Invalid migration ${url.pathname}: its default export needs an operations array`,
      );
    }
    out.push({ app: app.label, name, key: `${app.label}:${name}`, migration });
  }
  return out;
}

/** The directory as a file URL ending in `/`. */
export function dirUrl(dir: string | URL): URL {
  const text = dir instanceof URL ? dir.href : dir;
  const withSlash = text.endsWith("/") ? text : `${text}/`;
  if (/^file:/.test(withSlash)) return new URL(withSlash);
  const base = new URL(`file://${Deno.cwd()}/`);
  return new URL(withSlash, base);
}

/**
 * Orders migrations so that each comes after its dependencies and the previous migration of
 * its app.
 *
 * @throws {Error} For an unknown dependency or a cycle.
 */
export function orderMigrations(migrations: readonly LoadedMigration[]): LoadedMigration[] {
  const byKey = new Map(migrations.map((m) => [m.key, m]));
  const previous = new Map<string, string>();
  const lastOfApp = new Map<string, string>();
  for (const m of migrations) {
    const last = lastOfApp.get(m.app);
    if (last !== undefined) previous.set(m.key, last);
    lastOfApp.set(m.app, m.key);
  }
  const out: LoadedMigration[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (m: LoadedMigration) => {
    if (state.get(m.key) === "done") return;
    if (state.get(m.key) === "visiting") {
      throw new Error(`Cannot order migrations: a cycle runs through "${m.key}"`);
    }
    state.set(m.key, "visiting");
    const deps = [
      ...(m.migration.dependencies ?? []),
      ...(previous.has(m.key) ? [previous.get(m.key)!] : []),
    ];
    for (const dep of deps) {
      const target = byKey.get(dep);
      if (target === undefined) {
        throw new Error(`Cannot find migration "${dep}" that "${m.key}" depends on`);
      }
      visit(target);
    }
    state.set(m.key, "done");
    out.push(m);
  };
  for (const m of migrations) visit(m);
  return out;
}
