import { PGlite } from "@electric-sql/pglite";
import type { Driver, QueryResult, ReservedConnection, RowMode } from "./_driver.ts";
import { Gate } from "./_gate.ts";

/**
 * Opens PGlite (PostgreSQL compiled to WASM) in this process: in memory for `memory://`,
 * otherwise in the data folder `dataDir`. PGlite has one session, so a transaction holds it
 * exclusively and other statements wait for it.
 */
export async function openPglite(dataDir: string, acquireTimeoutMs: number): Promise<Driver> {
  if (dataDir !== "memory://") await Deno.mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir === "memory://" ? undefined : dataDir);
  const gate = new Gate(1, acquireTimeoutMs);
  const run = async (text: string, params: readonly unknown[], mode: RowMode) => {
    const result = await db.query(text, params as unknown[], {
      rowMode: mode === "array" ? "array" : "object",
    });
    return {
      rows: result.rows,
      rowCount: result.affectedRows || result.rows.length,
    } as QueryResult;
  };
  return {
    kind: "pglite",
    async query(text, params, mode) {
      const wait = gate.acquire();
      if (wait) await wait;
      try {
        return await run(text, params, mode);
      } finally {
        gate.release();
      }
    },
    async reserve(): Promise<ReservedConnection> {
      const wait = gate.acquire();
      if (wait) await wait;
      let released = false;
      return {
        query: run,
        release() {
          if (released) return;
          released = true;
          gate.release();
        },
      };
    },
    async close() {
      await db.close();
    },
  };
}
