import type { Database } from "./_database.ts";
import { loadAll } from "./_migrator.ts";
import { appliedKeys } from "./_migrator.ts";

/** The keys of migrations not yet applied. */
export async function pendingMigrations(db: Database): Promise<string[]> {
  const all = await loadAll(db.apps.values());
  const applied = await appliedKeys(db);
  return all.filter((m) => !applied.has(m.key)).map((m) => m.key);
}

/**
 * Compares registered models with the live database: a message for each missing table or
 * column, naming the model and what to run.
 */
export async function schemaProblems(db: Database): Promise<string[]> {
  const rows = await db.sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema()`;
  const tables = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = tables.get(r.table_name) ?? new Set();
    set.add(r.column_name);
    tables.set(r.table_name, set);
  }
  const problems: string[] = [];
  for (const model of db.models.values()) {
    const columns = tables.get(model.table);
    if (columns === undefined) {
      problems.push(
        `Model "${model.name}" has no table "${model.table}" in the database: run makemigrations and migrate`,
      );
      continue;
    }
    for (const f of model.columns) {
      if (!columns.has(f.column)) {
        problems.push(
          `Model "${model.name}" does not match the database: column "${model.table}.${f.column}" ` +
            `is missing; run makemigrations and migrate`,
        );
      }
    }
  }
  return problems;
}
