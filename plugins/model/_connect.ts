import { Database } from "./_database.ts";
import type { Driver } from "./_driver.ts";
import { isConnectionError } from "./_errors.ts";
import { openPglite } from "./_pglite_driver.ts";
import { openPostgres } from "./_postgres_driver.ts";

/**
 * Options of {@linkcode connect}.
 *
 * @example A small pool with a short acquire timeout
 * ```ts
 * import type { ConnectOptions } from "@plinth/plinth/model";
 *
 * const options: ConnectOptions = { poolSize: 5, acquireTimeoutMs: 2000 };
 * ```
 */
export interface ConnectOptions {
  /** Connections in the server pool. Defaults to 10. */
  readonly poolSize?: number;
  /**
   * Milliseconds a statement or transaction waits for room in the pool before a 503: a server
   * connection runs a few pipelined statements at a time, or one transaction. Defaults to 5000.
   */
  readonly acquireTimeoutMs?: number;
  /**
   * Seconds before an unused server connection closes. Off by default: postgres.js resets a
   * timer after every statement, which costs about a third of a primary-key lookup's throughput
   * on Deno.
   */
  readonly idleTimeoutS?: number;
  /** Attempts to reach a server that is down at start, with doubling delays. Defaults to 6. */
  readonly connectAttempts?: number;
  /** A schema to put first on the server's search path (for isolated test runs). */
  readonly schema?: string;
}

/**
 * Opens a database: `postgres://` and `postgresql://` URLs use a PostgreSQL server through a
 * pool; `memory://` is an in-memory PGlite; anything else is a PGlite data folder such as
 * `.plinth/db`. A server that is briefly down is retried with backoff.
 *
 * @throws {Error} When the server stays unreachable.
 *
 * @example An in-memory database
 * ```ts
 * import { connect } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const db = await connect("memory://");
 * assert.equal(db.driver, "pglite");
 * assert.deepEqual(await db.sql`SELECT ${2}::int * 21 AS answer`, [{ answer: 42 }]);
 * await db.close();
 * ```
 */
export async function connect(url: string, options: ConnectOptions = {}): Promise<Database> {
  const server = /^postgres(ql)?:\/\//.test(url);
  const acquireTimeoutMs = options.acquireTimeoutMs ?? 5000;
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
    throw new Error(
      `Invalid schema ${JSON.stringify(options.schema)}: use lowercase letters, digits and "_"`,
    );
  }
  let database: Database | undefined;
  const driver: Driver = server
    ? openPostgres(url, {
      poolSize: options.poolSize ?? 10,
      acquireTimeoutMs,
      idleTimeoutS: options.idleTimeoutS ?? 0,
      connectTimeoutS: 5,
      schema: options.schema,
      onDroppedWrite: (error) =>
        database?.log.warn("Write on a dropped connection stopped", { error }),
    })
    : await openPglite(url.replace(/^file:\/\//, ""), acquireTimeoutMs);
  const attempts = options.connectAttempts ?? 6;
  for (let attempt = 1;; attempt++) {
    try {
      await driver.query("SELECT 1", [], "array");
      return database = new Database(driver);
    } catch (error) {
      if (!isConnectionError(error) || attempt >= attempts) {
        await driver.close();
        const where = server ? new URL(url).host : url;
        throw new Error(
          `Cannot connect to the database at ${where} after ${attempt} attempt(s): ` +
            `${(error as Error).message}; check that it runs and DATABASE_URL is right`,
          { cause: error },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  }
}
