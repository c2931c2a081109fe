import { AsyncLocalStorage } from "node:async_hooks";
import type { Database } from "./_database.ts";
import type { Connection, Driver, ReservedConnection } from "./_driver.ts";
import { toHttpError } from "./_errors.ts";

interface Transaction {
  readonly conn: ReservedConnection;
  depth: number;
  savepoints: number;
  hooks: Array<{ depth: number; fn: () => unknown }>;
}

/**
 * The transactions of one database: the connection the current async context holds, nested
 * blocks as savepoints, and hooks that run after the outermost commit. Statements go through
 * the database's `run`, so BEGIN and COMMIT are counted and logged like any other.
 */
export class Transactions {
  readonly #store = new AsyncLocalStorage<Transaction>();
  readonly #driver: Driver;
  readonly #db: Pick<Database, "run" | "log">;

  constructor(driver: Driver, db: Pick<Database, "run" | "log">) {
    this.#driver = driver;
    this.#db = db;
  }

  /** The connection of the current transaction, or `undefined` outside any. */
  get connection(): Connection | undefined {
    return this.#store.getStore()?.conn;
  }

  /** Runs `fn` in a transaction, or in a savepoint when one is open already. */
  async atomic<T>(fn: () => Promise<T>): Promise<T> {
    const outer = this.#store.getStore();
    if (outer !== undefined) return await this.#savepoint(outer, fn);
    let conn: ReservedConnection;
    try {
      conn = await this.#driver.reserve();
    } catch (error) {
      throw toHttpError(error);
    }
    const tx: Transaction = { conn, depth: 0, savepoints: 0, hooks: [] };
    let result: T;
    try {
      result = await this.#store.run(tx, async () => {
        await this.#run("BEGIN");
        try {
          const value = await fn();
          await this.#run("COMMIT");
          return value;
        } catch (error) {
          await this.#run("ROLLBACK").catch(() => {});
          throw error;
        }
      });
    } finally {
      conn.release();
    }
    for (const { fn } of tx.hooks) {
      try {
        await fn();
      } catch (error) {
        this.#db.log.error("An onCommit hook failed", { error });
      }
    }
    return result;
  }

  async #savepoint<T>(tx: Transaction, fn: () => Promise<T>): Promise<T> {
    const name = `plinth_sp_${++tx.savepoints}`;
    await this.#run(`SAVEPOINT ${name}`);
    tx.depth++;
    try {
      const result = await fn();
      await this.#run(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await this.#run(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => {});
      tx.hooks = tx.hooks.filter((hook) => hook.depth < tx.depth);
      throw error;
    } finally {
      tx.depth--;
      for (const hook of tx.hooks) hook.depth = Math.min(hook.depth, tx.depth);
    }
  }

  /** Runs `fn` after the current transaction commits, or right away outside any. */
  async onCommit(fn: () => unknown): Promise<void> {
    const tx = this.#store.getStore();
    if (tx === undefined) {
      await fn();
      return;
    }
    tx.hooks.push({ depth: tx.depth, fn });
  }

  async #run(text: string): Promise<void> {
    await this.#db.run(text, [], "array");
  }
}
