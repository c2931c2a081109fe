import type { LogRecord, Sink } from "./sink.ts";

/**
 * A sink that keeps records in memory; see {@linkcode memorySink}.
 *
 * @example Clearing between steps
 * ```ts
 * import { type MemorySink, memorySink } from "@plinth/plinth/logging";
 * import assert from "node:assert/strict";
 *
 * const sink: MemorySink = memorySink();
 * sink({ timestamp: 0, level: "info", category: ["plinth"], message: "Hi", properties: {} });
 * assert.equal(sink.records.length, 1);
 * sink.records.length = 0;
 * assert.equal(sink.records.length, 0);
 * ```
 */
export interface MemorySink extends Sink {
  /** Every record received, oldest first; clear it with `records.length = 0`. */
  readonly records: LogRecord[];
}

/**
 * A sink that keeps every record in an array, for tests: assert on what was logged without
 * parsing output. Records are the ones other sinks receive (redacted, with `requestId`).
 *
 * @returns A sink with a `records` array.
 *
 * @example Asserting on the request log
 * ```ts
 * import { App } from "@plinth/plinth";
 * import { logging, memorySink } from "@plinth/plinth/logging";
 * import assert from "node:assert/strict";
 *
 * const sink = memorySink();
 * const app = new App({ env: "test" })
 *   .register(logging({ console: false, level: "info", sinks: [sink] }));
 * app.get("/posts/:slug", (ctx) => ctx.text(ctx.params.slug));
 * await app.request("/posts/hello");
 * const line = sink.records.find((r) => r.category.join(".") === "plinth.request");
 * assert.equal(line?.properties.route, "/posts/:slug");
 * assert.equal(line?.properties.status, 200);
 * await app.close();
 * ```
 */
export function memorySink(): MemorySink {
  const records: LogRecord[] = [];
  return Object.assign(function memory(record: LogRecord): void {
    records.push(record);
  }, { records });
}
