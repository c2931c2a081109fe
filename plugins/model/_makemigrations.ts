import { diff } from "./_autodetect.ts";
import type { Model } from "./_model.ts";
import { dirUrl, type Migration } from "./_migration.ts";
import { loadAll, replay } from "./_migrator.ts";
import type { Operation } from "./_operations.ts";
import { schemaOf } from "./_schema.ts";

/**
 * A registered app: its label, models and migrations folder.
 *
 * @example The apps of a database
 * ```ts
 * import { connect, defineModel, field } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const db = await connect("memory://");
 * db.register([defineModel("Note", { text: field.text() })]);
 * const app = db.apps.get("app");
 * assert.deepEqual(app?.models.map((m) => m.name), ["Note"]);
 * await db.close();
 * ```
 */
export interface AppEntry {
  /** The app's label, such as `"app"` or `"auth"`. */
  readonly label: string;
  /** Its models, join models of many-to-many fields included. */
  readonly models: Model[];
  /** Its migrations folder, if any. */
  readonly dir: string | undefined;
}

/**
 * Options of `makemigrations`.
 *
 * @example Confirming a rename
 * ```ts
 * import type { MakeMigrationsOptions } from "@plinth/plinth/model";
 *
 * const options: MakeMigrationsOptions = { name: "rename_title", renames: ["post.title=headline"] };
 * ```
 */
export interface MakeMigrationsOptions {
  /** Only this app. */
  readonly app?: string;
  /** The name after the number, such as `"add_views"`. */
  readonly name?: string;
  /** Confirmed renames: `"table.old=new"` for columns, `"old=new"` for tables. */
  readonly renames?: readonly string[];
  /** Report without writing files. */
  readonly dryRun?: boolean;
}

/**
 * What `makemigrations` wrote or would write.
 *
 * @example What makemigrations reports
 * ```ts
 * import type { MadeMigration } from "@plinth/plinth/model";
 *
 * const report = (made: MadeMigration) => `${made.app}: ${made.path} (${made.operations.length} steps)`;
 * ```
 */
export interface MadeMigration {
  /** The app's label. */
  readonly app: string;
  /** The file's path. */
  readonly path: string;
  /** The operations written. */
  readonly operations: readonly Operation[];
  /** The file's TypeScript source. */
  readonly source: string;
}

/**
 * Compares each app's models with the schema its migrations build and writes a migration file
 * with the difference. Returns the files and hints about likely renames.
 */
export async function makeMigrations(
  apps: readonly AppEntry[],
  options: MakeMigrationsOptions = {},
): Promise<{ made: MadeMigration[]; hints: string[] }> {
  const all = await loadAll(apps.map((a) => ({ label: a.label, dir: a.dir })));
  const owner = new Map<string, string>();
  for (const app of apps) for (const m of app.models) owner.set(m.table, app.label);
  const tables = new Map<string, string>();
  const columns = new Map<string, string>();
  for (const rename of options.renames ?? []) {
    const [left, right] = rename.split("=");
    if (!right) throw new Error(`Invalid rename "${rename}": use table.old=new or old=new`);
    if (left.includes(".")) columns.set(left, right);
    else tables.set(left, right);
  }
  const made: MadeMigration[] = [];
  const hints: string[] = [];
  for (const app of apps) {
    if (options.app !== undefined && app.label !== options.app) continue;
    if (app.dir === undefined) continue;
    const own = all.filter((m) => m.app === app.label);
    const defaults = new Map<string, unknown>();
    for (const model of app.models) {
      for (const f of model.columns) {
        const d = f.autoNow !== undefined ? new Date() : f.options.default;
        if (d !== undefined && typeof d !== "function") {
          defaults.set(`${model.table}.${f.column}`, d);
        }
      }
    }
    const result = diff(replay(own), schemaOf(app.models), { tables, columns }, defaults);
    hints.push(...result.hints);
    if (result.operations.length === 0) continue;
    const deps = new Set<string>();
    if (own.length > 0) deps.add(own[own.length - 1].key);
    for (const op of result.operations) {
      const specs = op.op === "createTable"
        ? Object.values(op.columns)
        : "spec" in op
        ? [op.spec]
        : [];
      for (const spec of specs) {
        const other = spec.references && owner.get(spec.references.table);
        if (other !== undefined && other !== app.label) {
          const last = all.filter((m) => m.app === other).pop();
          if (last !== undefined) deps.add(last.key);
        }
      }
    }
    const number = String(own.length + 1).padStart(4, "0");
    const name = `${number}_${
      options.name ?? (own.length === 0 ? "initial" : autoName(result.operations))
    }`;
    if (!/^\d{4}_[a-z0-9_]+$/.test(name)) {
      throw new Error(`Invalid migration name "${name}": use a-z, 0-9 and _`);
    }
    const url = new URL(`${name}.ts`, dirUrl(app.dir));
    const source = render({ dependencies: [...deps], operations: result.operations });
    if (!options.dryRun) {
      await Deno.mkdir(new URL(".", url), { recursive: true });
      await Deno.writeTextFile(url, source);
    }
    made.push({ app: app.label, path: url.pathname, operations: result.operations, source });
  }
  return { made, hints };
}

function autoName(ops: readonly Operation[]): string {
  const first = ops[0];
  const label = first.op === "createTable" || first.op === "dropTable"
    ? `${first.op === "createTable" ? "create" : "drop"}_${first.table}`
    : "column" in first
    ? `${first.op.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_${first.table}_${first.column}`
    : "auto";
  return label.toLowerCase().replace(/[^a-z0-9_]/g, "_").slice(0, 40);
}

function render(migration: Migration): string {
  const body = JSON.stringify(migration, null, 2);
  return `// Generated by "deno task manage makemigrations" on ${new Date().toISOString()}.\n` +
    `// Review it before applying; add runData steps for data migrations.\n` +
    `import type { Migration } from "@plinth/plinth/model";\n\n` +
    `export default ${body} satisfies Migration;\n`;
}
