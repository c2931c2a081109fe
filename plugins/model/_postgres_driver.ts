import postgres from "postgres";
import type { Driver, QueryResult, ReservedConnection, RowMode } from "./_driver.ts";
import { isConnectionError } from "./_errors.ts";
import { guardDroppedWrites } from "./_dropped_writes.ts";
import { Gate } from "./_gate.ts";

/** Pool settings for a PostgreSQL server. */
export interface PoolOptions {
  /** Connections in the pool. */
  readonly poolSize: number;
  /** Milliseconds to wait for a free connection before answering 503. */
  readonly acquireTimeoutMs: number;
  /** Seconds an unused connection stays open; 0 keeps it open. */
  readonly idleTimeoutS: number;
  /** Seconds to wait while opening a connection. */
  readonly connectTimeoutS: number;
  /** A schema to put first on the search path, for isolated test runs. */
  readonly schema: string | undefined;
  /** Reports a write postgres.js attempted on a dropped socket (stopped, see the guard). */
  readonly onDroppedWrite: (error: Error) => void;
}

type Client = ReturnType<typeof postgres>;
type Runner = Pick<Client, "unsafe">;

// Strings bound to json/jsonb are JSON text already (as PGlite takes them); postgres.js would
// otherwise encode them again and store a JSON string scalar.
const JSON_TEXT = {
  to: 3802,
  from: [114, 3802],
  serialize: (value: unknown) => typeof value === "string" ? value : JSON.stringify(value),
  parse: (text: string) => JSON.parse(text),
};

/**
 * Statements in flight per connection. postgres.js pipelines statements onto busy connections
 * (sent before the previous ones answered), so that under load statements share socket writes
 * and reads: with 64 requests at once, the blog post page's three statements took about a
 * fifth less CPU at 4 than at 1 (one statement per connection), and about as little as with no
 * bound. A transaction holds a whole connection, so it takes this many units.
 */
const PIPELINE = 4;

/**
 * Connects to a PostgreSQL server through postgres.js with a bounded pool. Statements past
 * `poolSize * PIPELINE` in flight wait for capacity, and answer 503 after `acquireTimeoutMs`.
 * When a connection drops (server restart, terminated backend), the failing statement rejects
 * and the whole client is replaced: postgres.js on Deno does not recover a pool whose socket
 * was reset, so later statements would otherwise hang.
 */

export function openPostgres(url: string, options: PoolOptions): Driver {
  const make = () =>
    postgres(url, {
      max: options.poolSize,
      idle_timeout: options.idleTimeoutS,
      connect_timeout: options.connectTimeoutS,
      onnotice: () => {},
      types: { bigint: postgres.BigInt, json: JSON_TEXT },
      connection: options.schema === undefined ? {} : { search_path: options.schema },
    });
  let client: Client = make();
  const replace = (failed: Client) => {
    if (client !== failed) return;
    client = make();
    failed.end({ timeout: 0 }).catch(() => {});
  }; // A write on a dropped socket leaves its statement pending forever: end that client, which
  // fails everything still waiting on it, and carry on with a fresh one.
  const unguard = guardDroppedWrites((error) => {
    options.onDroppedWrite(error);
    replace(client);
  });

  const gate = new Gate(options.poolSize * PIPELINE, options.acquireTimeoutMs);
  const run = async (
    owner: Client,
    on: Runner,
    text: string,
    params: readonly unknown[],
    mode: RowMode,
  ) => {
    try {
      const pending = on.unsafe(text, params as never[], { prepare: true });
      const rows = mode === "array" ? await pending.values() : await pending;
      return { rows: [...rows], rowCount: rows.count ?? rows.length } as QueryResult;
    } catch (error) {
      if (isConnectionError(error)) replace(owner);
      throw error;
    }
  };
  return {
    kind: "postgres",
    async query(text, params, mode) {
      const wait = gate.acquire();
      if (wait) await wait;
      try {
        const owner = client;
        return await run(owner, owner, text, params, mode);
      } finally {
        gate.release();
      }
    },
    async reserve(): Promise<ReservedConnection> {
      const wait = gate.acquire(PIPELINE);
      if (wait) await wait;
      const owner = client;
      let reserved;
      try {
        reserved = await owner.reserve();
      } catch (error) {
        gate.release(PIPELINE);
        if (isConnectionError(error)) replace(owner);
        throw error;
      }
      let broken = false;
      let released = false;
      return {
        async query(text, params, mode) {
          if (broken) {
            throw Object.assign(new Error("The connection was lost"), {
              code: "CONNECTION_CLOSED",
            });
          }
          try {
            return await run(owner, reserved, text, params, mode);
          } catch (error) {
            if (isConnectionError(error)) broken = true;
            throw error;
          }
        },
        release() {
          if (released) return;
          released = true;
          try {
            if (!broken) reserved.release();
          } finally {
            gate.release(PIPELINE);
          }
        },
      };
    },
    async close() {
      unguard();
      await client.end({ timeout: 5 });
    },
  };
}
