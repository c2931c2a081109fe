import type { LogLevel } from "../../core/mod.ts";
import { jsonLinesFormatter, sanitizeControlSequences } from "./_logtape.ts";
import { escapeC1, isoTime, JSON_LEVELS, loggerJson } from "./_json_text.ts";
import { RequestRecord } from "./_request_record.ts";
import type { LogRecord } from "./sink.ts";

/** How the console writes records: readable lines for people, JSON lines for machines. */
export type Format = "pretty" | "json";

/**
 * One JSON object and a line feed, in LogTape's JSON Lines shape: `@timestamp`, `level`,
 * `message`, `logger` (the dotted category) and `properties`. JSON escapes every control
 * character (DEL and C1 too), so request text cannot break the line. The request log's records
 * build their own line; other records whose properties are all primitives take a fast path with
 * the same output; the rest go through LogTape's formatter, which also serialises errors,
 * bigints and cycles.
 */
export function jsonLine(record: LogRecord): string {
  if (record instanceof RequestRecord) {
    const line = record.jsonLine();
    if (line !== undefined) return line;
  }
  if (!flat(record.properties)) {
    return jsonLinesFormatter({
      category: record.category,
      level: record.level,
      message: [record.message],
      rawMessage: record.message,
      timestamp: record.timestamp,
      properties: record.properties as Record<string, unknown>,
    });
  }
  return escapeC1(
    `{"@timestamp":"${isoTime(record.timestamp)}","level":"${JSON_LEVELS[record.level]}",` +
      `"message":${JSON.stringify(record.message)},"logger":${loggerJson(record.category)},` +
      `"properties":${JSON.stringify(record.properties)}}\n`,
  );
}

function flat(properties: Readonly<Record<string, unknown>>): boolean {
  for (const key in properties) {
    const value = properties[key];
    if ((typeof value === "object" && value !== null) || typeof value === "bigint") return false;
  }
  return true;
}

const LABELS: Readonly<Record<LogLevel, string>> = {
  trace: "TRACE",
  debug: "DEBUG",
  info: "INFO ",
  warning: "WARN ",
  error: "ERROR",
  fatal: "FATAL",
};

const COLOURS: Readonly<Record<LogLevel, string>> = {
  trace: "\x1b[90m",
  debug: "\x1b[90m",
  info: "\x1b[32m",
  warning: "\x1b[33m",
  error: "\x1b[31m",
  fatal: "\x1b[35m",
};

// The request log's message already says these; the pretty line does not repeat them.
const IN_MESSAGE: Readonly<Record<string, ReadonlySet<string>>> = {
  "plinth.request": new Set(["method", "route", "status"]),
};

const ESCAPE_ALL = { sgr: "escape", newlines: "escape" } as const;

/**
 * One readable line, `12:03:04.567 INFO  plinth.request: GET /posts/:slug 200 path=… …`, then
 * the stack frames of any error property, indented. Control characters, line breaks and ANSI
 * escapes in the text are escaped (`\r`, `\n`, `\x1b`), so one record is always one line plus
 * its indented frames; only the level is coloured, when `colours` is set.
 */
export function prettyLine(record: LogRecord, colours: boolean): string {
  const category = record.category.join(".");
  const hidden = IN_MESSAGE[category];
  let text = `${category}: ${record.message}`;
  let frames = "";
  for (const key in record.properties) {
    const value = record.properties[key];
    if (value === undefined || hidden?.has(key)) continue;
    text += ` ${key}=${show(value)}`;
    if (value instanceof Error) frames += stackFrames(value);
  }
  const level = colours
    ? `${COLOURS[record.level]}${LABELS[record.level]}\x1b[0m`
    : LABELS[record.level];
  const body = sanitizeControlSequences(text, ESCAPE_ALL);
  return `${clock(record.timestamp)} ${level} ${body}${frames}\n`;
}

function show(value: unknown): string {
  if (typeof value === "string") return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  if (value instanceof Error) return JSON.stringify(`${value.name}: ${value.message}`);
  if (typeof value !== "object" || value === null) return String(value);
  try {
    return JSON.stringify(value, (_key, v) => typeof v === "bigint" ? v.toString() : v) ?? "";
  } catch {
    return "[unserialisable]";
  }
}

/** The `at …` lines of the stack, each escaped and indented under the record. */
function stackFrames(error: Error): string {
  let frames = "";
  for (const line of (error.stack ?? "").split("\n")) {
    const frame = line.trim();
    if (frame.startsWith("at ")) frames += `\n    ${sanitizeControlSequences(frame, ESCAPE_ALL)}`;
  }
  return frames;
}

function clock(timestamp: number): string {
  const date = new Date(timestamp);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.` +
    pad(date.getMilliseconds(), 3);
}
