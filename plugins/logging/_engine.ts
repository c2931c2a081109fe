import {
  configureSync,
  getConfig,
  getLogger,
  type LogTapeConfig,
  type LogTapeLogger,
  type LogTapeRecord,
  resetSync,
  sanitizeControlSequences,
} from "./_logtape.ts";
import { currentRequestId } from "./_request_scope.ts";
import type { LogRecord } from "./sink.ts";
import { writeAllSync } from "./_write.ts";

// LogTape's configuration is process-wide, but tests (and some deployments) run several apps in
// one process, each with its own sinks and levels. So LogTape is configured once, while at least
// one logging() instance is set up, with a single sink for the "plinth" category that routes each
// record to its instance by a key hidden in the category: instance 3 logs `["plinth", "model"]`
// as `["plinth", "3", "model"]`. The key is removed before any sink sees the record, and the id
// of the request being served, if any, is added to its properties (LogTape's own context-local
// storage is not used: it would cost several store look-ups on every record).

const ROOT = "plinth";
const routes = new Map<string, (record: LogRecord) => void>();
let installed: LogTapeConfig<string, string> | undefined;
let counter = 0;

/**
 * Starts routing records of a new instance to `deliver`, configuring LogTape first if this is
 * the only instance.
 *
 * @returns The instance's key, for {@linkcode engineLogger} and {@linkcode detach}.
 * @throws {Error} When something else has configured LogTape in this process.
 */
export function attach(deliver: (record: LogRecord) => void): string {
  if (routes.size === 0) install();
  const key = String(++counter);
  routes.set(key, deliver);
  return key;
}

/** Stops routing to an instance; the last one out removes the LogTape configuration. */
export function detach(key: string): void {
  if (!routes.delete(key) || routes.size > 0) return;
  if (installed !== undefined && getConfig() === installed) resetSync();
  installed = undefined;
}

/** The LogTape logger behind the public category `category` of instance `key`. */
export function engineLogger(key: string, category: readonly string[]): LogTapeLogger {
  return getLogger([ROOT, key, ...category.slice(1)]);
}

function install(): void {
  if (getConfig() !== null) {
    throw new Error(
      "Cannot set up logging: LogTape is already configured in this process; remove the other " +
        "configure() call and pass its sinks to logging({ sinks })",
    );
  }
  installed = {
    sinks: { plinth: route, meta: reportMeta },
    loggers: [
      { category: [ROOT], sinks: ["plinth"], lowestLevel: "trace" },
      { category: ["logtape", "meta"], sinks: ["meta"], lowestLevel: "warning" },
    ],
  };
  configureSync(installed);
}

// Each LogTape logger passes the same category array with every record: map each once.
const publicCategories = new WeakMap<readonly string[], readonly string[]>();

function route(record: LogTapeRecord): void {
  const deliver = routes.get(record.category[1]);
  if (deliver === undefined) return;
  let category = publicCategories.get(record.category);
  if (category === undefined) {
    category = [ROOT, ...record.category.slice(2)];
    publicCategories.set(record.category, category);
  }
  let properties = record.properties;
  if (properties.requestId === undefined) {
    const requestId = currentRequestId();
    if (requestId !== undefined) properties = { requestId, ...properties };
  }
  deliver({
    timestamp: record.timestamp,
    level: record.level,
    category,
    message: render(record.message),
    properties,
  });
}

function render(parts: readonly unknown[]): string {
  if (parts.length === 1) return String(parts[0]);
  let text = "";
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    text += i % 2 === 0 || typeof part === "string" ? String(part) : JSON.stringify(part);
  }
  return text;
}

const encoder = new TextEncoder();

/** LogTape's own warnings (misconfiguration), straight to standard error. */
function reportMeta(record: LogTapeRecord): void {
  const line = sanitizeControlSequences(`logtape: ${render(record.message)}`, {
    sgr: "escape",
    newlines: "escape",
  });
  writeAllSync(Deno.stderr, encoder.encode(line + "\n"));
}
