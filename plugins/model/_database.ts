import { AsyncLocalStorage } from "node:async_hooks";
import { HttpError, type Logger, silentLogger } from "../../core/mod.ts";
import type { Driver } from "./_driver.ts";
import { toHttpError } from "./_errors.ts";
import { type Sql, sql } from "./_sql.ts";
import type { Model } from "./_model.ts";
import { registerModels } from "./_registry.ts";
import {
  type AppEntry,
  type MadeMigration,
  makeMigrations,
  type MakeMigrationsOptions,
} from "./_makemigrations.ts";
import { migrate, type MigrateResult } from "./_migrator.ts";
import { Transactions } from "./_transactions.ts";

/**
 * Options of {@linkcode Database.register}.
 *
 * @example Models of a plugin with their own migrations
 * ```ts
 * import type { RegisterOptions } from "@plinth/plinth/model";
 *
 * const options: RegisterOptions = { app: "auth", migrations: new URL("./migrations/", import.meta.url) };
 * ```
 */
export interface RegisterOptions {
  /** The app the models belong to, for migrations; `"app"` by default (plugins use their name). */
  readonly app?: string;
  /** The app's migrations folder, such as `new URL("./migrations/", import.meta.url)`. */
  readonly migrations?: string | URL;
}

/**
 * Queries counted in a scope: a request, or a {@linkcode Database.measure} call.
 *
 * @example Counting the statements of a block
 * ```ts
 * import type { QueryStats } from "@plinth/plinth/model";
 *
 * const stats: QueryStats = { queries: 0, ms: 0 };
 * ```
 */
export interface QueryStats {
  /** Statements run. */
  queries: number;
  /** Milliseconds spent in them. */
  ms: number;
}

/**
 * A database: runs parameterised SQL through its driver, counts and logs every statement, and
 * runs transactions with `atomic`. Available as `app.db` and `ctx.db` once the model plugin is
 * registered, or from {@linkcode connect}.
 *
 * @example Transactions, savepoints and onCommit
 * ```ts
 * import { connect, defineModel, field } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const Tag = defineModel("Tag", { name: field.text() });
 * const db = await connect("memory://");
 * db.register([Tag], { migrations: await Deno.makeTempDir() });
 * await db.makeMigrations();
 * await db.migrate();
 * const committed: string[] = [];
 * await db.atomic(async () => {
 *   await Tag.objects.create({ name: "kept" });
 *   await db.onCommit(() => committed.push("kept"));
 *   await db.atomic(async () => {
 *     await Tag.objects.create({ name: "undone" });
 *     throw new Error("roll back the savepoint only");
 *   }).catch(() => {});
 * });
 * assert.deepEqual((await Tag.objects.all()).map((t) => t.name), ["kept"]);
 * assert.deepEqual(committed, ["kept"]);
 * const { queries } = await db.measure(() => Tag.objects.count());
 * assert.equal(queries, 1);
 * await db.close();
 * ```
 */
export class Database {
  readonly #driver: Driver;
  readonly #tx: Transactions;
  readonly #scope = new AsyncLocalStorage<QueryStats>();
  readonly #models = new Map<string, Model>();
  readonly #apps = new Map<string, AppEntry>();
  /** The logger SQL is written to at debug level, with durations. */
  log: Logger = silentLogger;

  /** Use {@linkcode connect} or the model plugin. */
  constructor(driver: Driver) {
    this.#driver = driver;
    this.#tx = new Transactions(driver, this);
  }

  /** `"pglite"` (embedded) or `"postgres"` (a server through postgres.js). */
  get driver(): "pglite" | "postgres" {
    return this.#driver.kind;
  }

  /** Every registered model by name, join models of many-to-many fields included. */
  get models(): ReadonlyMap<string, Model> {
    return this.#models;
  }

  /**
   * Registers models so that they can be queried, their relations resolved and their tables
   * migrated.
   *
   * @throws {Error} For a model name registered twice or a relation to an unregistered model.
   */
  register(models: readonly Model[], options: RegisterOptions = {}): this {
    const label = options.app ?? "app";
    if (!/^[a-z][a-z0-9_]*$/.test(label)) {
      throw new Error(`Invalid app label "${label}": use a-z, 0-9 and _`);
    }
    const entry = this.#apps.get(label) ?? { label, models: [], dir: undefined };
    const dir = options.migrations instanceof URL ? options.migrations.href : options.migrations;
    if (entry.dir !== undefined && dir !== undefined && entry.dir !== dir) {
      throw new Error(`Cannot register app "${label}" with two migration folders`);
    }
    const added = registerModels(models, this, this.#models);
    for (const model of added) this.#models.set(model.name, model);
    this.#apps.set(label, { label, models: [...entry.models, ...added], dir: dir ?? entry.dir });
    return this;
  }

  /** The registered apps by label: their models and migrations folder. */
  get apps(): ReadonlyMap<string, AppEntry> {
    return this.#apps;
  }

  /**
   * Applies pending migrations (or, with `target` such as `"app:0001_initial"` or `"app:zero"`,
   * unapplies the later ones), each in a transaction under an advisory lock.
   */
  async migrate(target?: string): Promise<MigrateResult> {
    return await migrate(this, this.#apps.values(), target);
  }

  /** Writes migration files for model changes; see {@linkcode MakeMigrationsOptions}. */
  async makeMigrations(
    options?: MakeMigrationsOptions,
  ): Promise<{ made: MadeMigration[]; hints: string[] }> {
    return await makeMigrations([...this.#apps.values()], options);
  }

  /** Whether the current code runs inside `atomic`. */
  get inTransaction(): boolean {
    return this.#tx.connection !== undefined;
  }

  /** Statements run so far in the current request (or `measure` call); 0 outside any. */
  get queryCount(): number {
    return this.#scope.getStore()?.queries ?? 0;
  }

  /**
   * Runs `fn` counting its statements and their time.
   *
   * @returns The result, with the count and milliseconds.
   */
  async measure<T>(fn: () => Promise<T>): Promise<QueryStats & { result: T }> {
    const stats: QueryStats = { queries: 0, ms: 0 };
    const result = await this.#scope.run(stats, fn);
    return { ...stats, result };
  }

  /** Runs `fn` in a counting scope; the plugin's middleware uses it. Internal. */
  scope<T>(stats: QueryStats, fn: () => T): T {
    return this.#scope.run(stats, fn);
  }

  /**
   * Runs a raw statement given with the `sql` tag: every interpolated value is a parameter.
   *
   * @returns The rows as objects keyed by column name.
   */
  async query<R = Record<string, unknown>>(statement: Sql): Promise<R[]> {
    return (await this.run(statement.text, statement.params, "object")).rows as R[];
  }

  /**
   * The `db.sql` tagged template: runs the statement and returns its rows.
   *
   * @returns The rows as objects keyed by column name.
   */
  sql = <R = Record<string, unknown>>(
    strings: TemplateStringsArray,
    ...values: unknown[]
  ): Promise<R[]> => this.query<R>(sql(strings, ...values));

  /** Runs one statement on the current transaction's connection, or the pool. Internal. */
  async run(
    text: string,
    params: readonly unknown[],
    mode: "object" | "array",
  ): Promise<{ rows: unknown[]; rowCount: number }> {
    const conn = this.#tx.connection ?? this.#driver;
    const started = performance.now();
    try {
      return await conn.query(text, params, mode);
    } catch (error) {
      const mapped = toHttpError(error);
      if (mapped.status >= 500) this.log.error("Query failed", { sql: text, error });
      throw mapped;
    } finally {
      const ms = performance.now() - started;
      const stats = this.#scope.getStore();
      if (stats !== undefined) {
        stats.queries++;
        stats.ms += ms;
      }
      this.log.debug(text, { durationMs: Math.round(ms * 1000) / 1000, params: params.length });
    }
  }

  /**
   * Runs `fn` in a transaction: committed when it returns, rolled back when it throws. Nested
   * calls use savepoints, so an inner failure can be caught without losing the outer work.
   */
  async atomic<T>(fn: () => Promise<T>): Promise<T> {
    return await this.#tx.atomic(fn);
  }

  /**
   * Runs `fn` after the current transaction commits (never if it rolls back), or right away
   * outside a transaction. Errors in hooks are logged, not thrown.
   */
  async onCommit(fn: () => unknown): Promise<void> {
    await this.#tx.onCommit(fn);
  }

  /** Throws unless inside `atomic`: for `selectForUpdate`. Internal. */
  requireTransaction(what: string): void {
    if (!this.inTransaction) {
      throw new HttpError(500, `Cannot run ${what} outside a transaction: wrap it in db.atomic()`);
    }
  }

  /** Closes every connection. */
  async close(): Promise<void> {
    await this.#driver.close();
  }
}
