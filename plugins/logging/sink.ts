import type { LogLevel } from "../../core/mod.ts";

/**
 * One log record as sinks receive it: properties already redacted, request id included when it
 * was written during a request. Values are raw: a sink that writes text must escape them, as the
 * plugin's console and file sinks do.
 *
 * @example Reading records from the memory sink
 * ```ts
 * import { App } from "@plinth/plinth";
 * import { logging, type LogRecord, memorySink } from "@plinth/plinth/logging";
 * import assert from "node:assert/strict";
 *
 * const sink = memorySink();
 * const app = new App({ env: "test" }).register(logging({ console: false, sinks: [sink] }));
 * await app.boot();
 * app.log.warn("Disk almost full", { freeBytes: 1024 });
 * const record: LogRecord = sink.records[0];
 * assert.deepEqual(record.category, ["plinth"]);
 * assert.equal(record.properties.freeBytes, 1024);
 * await app.close();
 * ```
 */
export interface LogRecord {
  /** When it was written, in milliseconds since the epoch. */
  readonly timestamp: number;
  /** Its level. */
  readonly level: LogLevel;
  /** Its category path, such as `["plinth", "model"]`. */
  readonly category: readonly string[];
  /** The message, as written. */
  readonly message: string;
  /** Structured fields, redacted; `requestId` when written during a request. */
  readonly properties: Readonly<Record<string, unknown>>;
}

/**
 * Receives every record that passes the level filters. A sink that throws does not fail the
 * request: the plugin reports the first failure of each sink on standard error and carries on.
 *
 * @example A sink that counts errors
 * ```ts
 * import { App } from "@plinth/plinth";
 * import { logging, type Sink } from "@plinth/plinth/logging";
 * import assert from "node:assert/strict";
 *
 * let errors = 0;
 * const countErrors: Sink = (record) => {
 *   if (record.level === "error") errors++;
 * };
 * const app = new App({ env: "test" }).register(logging({ console: false, sinks: [countErrors] }));
 * await app.boot();
 * app.log.error("Payment provider unreachable");
 * assert.equal(errors, 1);
 * await app.close();
 * ```
 */
export type Sink = (record: LogRecord) => void;
