import postgres from "postgres";
import type { Driver, QueryResult, ReservedConnection, RowMode } from "./_driver.ts";
import { Gate } from "./_gate.ts";

/** Pool settings for a PostgreSQL server. */
export interface PoolOptions {
  /** Connections in the pool. */
  readonly poolSize: number;
  /** Milliseconds to wait for a free connection before answering 503. */
  readonly acquireTimeoutMs: number;
  /** Seconds an unused connection stays open. */
  readonly idleTimeoutS: number;
  /** Seconds to wait while opening a connection. */
  readonly connectTimeoutS: number;
  /** A schema to put first on the search path, for isolated test runs. */
  readonly schema: string | undefined;
}

/** Connects to a PostgreSQL server through postgres.js with a bounded pool. */
export function openPostgres(url: string, options: PoolOptions): Driver {
  const client = postgres(url, {
    max: options.poolSize,
    idle_timeout: options.idleTimeoutS,
    connect_timeout: options.connectTimeoutS,
    onnotice: () => {},
    types: { bigint: postgres.BigInt },
    connection: options.schema === undefined ? {} : { search_path: options.schema },
  });
  const gate = new Gate(options.poolSize, options.acquireTimeoutMs);
  type Runner = Pick<typeof client, "unsafe">;
  const run = async (on: Runner, text: string, params: readonly unknown[], mode: RowMode) => {
    const pending = on.unsafe(text, params as never[], { prepare: true });
    const rows = mode === "array" ? await pending.values() : await pending;
    return { rows: [...rows], rowCount: rows.count ?? rows.length } as QueryResult;
  };
  return {
    kind: "postgres",
    async query(text, params, mode) {
      await gate.acquire();
      try {
        return await run(client, text, params, mode);
      } finally {
        gate.release();
      }
    },
    async reserve(): Promise<ReservedConnection> {
      await gate.acquire();
      let reserved;
      try {
        reserved = await client.reserve();
      } catch (error) {
        gate.release();
        throw error;
      }
      let released = false;
      return {
        query: (text, params, mode) => run(reserved, text, params, mode),
        release() {
          if (released) return;
          released = true;
          reserved.release();
          gate.release();
        },
      };
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}
