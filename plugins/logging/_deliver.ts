import { sanitizeControlSequences } from "./_logtape.ts";
import type { Redactor } from "./_redact.ts";
import type { LogRecord, Sink } from "./sink.ts";
import { writeAllSync } from "./_write.ts";

/** Redacts each record once, then hands it to every sink; a failing sink is reported once. */
export function fanOut(sinks: readonly Sink[], redactor: Redactor): (record: LogRecord) => void {
  const failed = new WeakSet<Sink>();
  return function deliver(record) {
    const properties = redactor.apply(record.properties);
    const clean = properties === record.properties ? record : { ...record, properties };
    for (const sink of sinks) {
      try {
        sink(clean);
      } catch (error) {
        if (failed.has(sink)) continue;
        failed.add(sink);
        warn(`log sink "${sink.name || "anonymous"}" failed; it is not reported again`, error);
      }
    }
  };
}

/** Reports the first failed background write to `target`. */
export function onceWarning(target: string): (error: unknown) => void {
  let reported = false;
  return function reportWriteFailure(error) {
    if (reported) return;
    reported = true;
    warn(`writing to ${target} failed; later failures are not reported`, error);
  };
}

const encoder = new TextEncoder();

/** The plugin's own trouble, on standard error: logging must not log through itself. */
function warn(what: string, error: unknown): void {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const line = sanitizeControlSequences(`plinth.logging: ${what}: ${detail}`, {
    sgr: "escape",
    newlines: "escape",
  });
  try {
    writeAllSync(Deno.stderr, encoder.encode(line + "\n"));
  } catch {
    // Standard error is gone too: nowhere left to say it.
  }
}
