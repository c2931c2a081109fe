import type { App, Plugin } from "../../core/mod.ts";
import { pendingMigrations, schemaProblems } from "./_check.ts";
import { commands } from "./_commands.ts";
import { connect, type ConnectOptions } from "./_connect.ts";
import type { Database, QueryStats } from "./_database.ts";
import type { Model } from "./_model.ts";

/**
 * Options of the {@linkcode model} plugin.
 *
 * @example Options for a server database
 * ```ts
 * import type { ModelPluginOptions } from "@plinth/plinth/model";
 *
 * const options: ModelPluginOptions = {
 *   url: "postgres://app@db.internal:5432/app",
 *   poolSize: 20,
 *   migrations: "./migrations",
 *   atomicRequests: true,
 * };
 * ```
 */
export interface ModelPluginOptions extends ConnectOptions {
  /**
   * `postgres://...` for a server; `memory://` for an in-memory PGlite; a folder path for a
   * PGlite data folder. Defaults to `memory://` when the app's env is `"test"`, else
   * `.plinth/db`.
   */
  readonly url?: string;
  /** The app's models. */
  readonly models?: readonly Model[];
  /** The app's migrations folder, such as `"./migrations"`. */
  readonly migrations?: string | URL;
  /** Run each request in a transaction, rolled back when the view throws (Django's ATOMIC_REQUESTS). */
  readonly atomicRequests?: boolean;
}

/**
 * The model plugin: connects the database (retrying briefly while it starts), adds `app.db` and
 * `ctx.db`, counts each request's statements and time (`ctx.db.queryCount`, the `db` timing),
 * adds the migration commands, and closes connections on shutdown.
 *
 * @example Counting a view's queries
 * ```ts
 * import { App } from "@plinth/plinth";
 * import { defineModel, field, model } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const Note = defineModel("Note", { text: field.text() });
 * const app = new App({ env: "test" }).register(model({ models: [Note], migrations: await Deno.makeTempDir() }));
 * app.get("/notes", async (ctx) => {
 *   const notes = await Note.objects.all();
 *   return ctx.json({ count: notes.length, queries: ctx.db.queryCount });
 * });
 * await app.boot();
 * await app.db.makeMigrations();
 * await app.db.migrate();
 * const res = await app.request("/notes");
 * assert.deepEqual(await res.json(), { count: 0, queries: 1 });
 * await app.close();
 * ```
 */
export function model(options: ModelPluginOptions = {}): Plugin {
  let db: Database | undefined;
  return {
    name: "model",
    async setup(app: App) {
      const url = options.url ?? (app.env === "test" ? "memory://" : ".plinth/db");
      db = await connect(url, options);
      const database = db;
      database.log = app.log.getChild("model");
      database.register(options.models ?? [], { migrations: options.migrations });
      app.decorate("db", database);
      for (const [name, command] of Object.entries(commands(database))) app.command(name, command);
      const atomic = options.atomicRequests === true;
      app.use(async function databaseScope(ctx, next) {
        const stats: QueryStats = { queries: 0, ms: 0 };
        try {
          return await database.scope(stats, () => atomic ? database.atomic(next) : next());
        } finally {
          if (stats.queries > 0) ctx.addTiming("db", stats.ms);
        }
      });
      if (app.env === "development") await warnAboutSchema(app, database);
    },
    async teardown() {
      await db?.close();
    },
  };
}

async function warnAboutSchema(app: App, db: Database): Promise<void> {
  const log = app.log.getChild("model");
  const pending = await pendingMigrations(db);
  if (pending.length > 0) {
    log.warn(
      `You have ${pending.length} unapplied migration(s): ${
        pending.join(", ")
      }; run "deno task manage migrate"`,
    );
  }
  for (const problem of await schemaProblems(db)) log.error(problem);
}
