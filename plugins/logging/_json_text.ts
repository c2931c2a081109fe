import type { LogLevel } from "../../core/mod.ts";

/** Levels as JSON lines name them (LogTape's JSON Lines shape). */
export const JSON_LEVELS: Readonly<Record<LogLevel, string>> = {
  trace: "TRACE",
  debug: "DEBUG",
  info: "INFO",
  warning: "WARN",
  error: "ERROR",
  fatal: "FATAL",
};

const C1 = /[\u007f-\u009f]/;
const C1_ALL = /[\u007f-\u009f]/g;
// Text that JSON.stringify() would only put between quotes: no quote, backslash, control
// character or lone surrogate (a pair fails too and takes the long way, with the same result).
// deno-lint-ignore no-control-regex -- control characters are what it looks for
const PLAIN = /^[^"\\\u0000-\u001f\u007f-\u009f\ud800-\udfff]*$/;

/** `text` as a JSON string, DEL and C1 escaped too; most text only needs its quotes. */
export function jsonString(text: string): string {
  return PLAIN.test(text) ? `"${text}"` : escapeC1(JSON.stringify(text));
}

/**
 * `json` with DEL and the C1 controls written as `\u` escapes: JSON allows them raw, but a
 * terminal may act on them. JSON escapes every other control character itself.
 */
export function escapeC1(json: string): string {
  return C1.test(json) ? json.replace(C1_ALL, unicodeEscape) : json;
}

function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

let lastCategory: readonly string[] | undefined;
let lastLogger = "";

/** The category as a JSON string; loggers reuse their category array, so one is cached. */
export function loggerJson(category: readonly string[]): string {
  if (category !== lastCategory) {
    lastCategory = category;
    lastLogger = jsonString(category.join("."));
  }
  return lastLogger;
}

let lastTime = NaN;
let lastIso = "";

/** `toISOString()`, computed once per millisecond: many records share one. */
export function isoTime(timestamp: number): string {
  if (timestamp !== lastTime) {
    lastTime = timestamp;
    lastIso = new Date(timestamp).toISOString();
  }
  return lastIso;
}
