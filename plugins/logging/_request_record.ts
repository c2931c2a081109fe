import type { LogLevel } from "../../core/mod.ts";
import { isoTime, JSON_LEVELS, jsonString, loggerJson } from "./_json_text.ts";
import type { LogRecord } from "./sink.ts";

/** The fields of a request line, in the order they are written. */
export type RequestProperties = {
  method: string;
  route: string;
  path: string;
  status: number;
  durationMs: number;
  bytes?: number;
  requestId: string;
  userId?: unknown;
  slow?: true;
  error?: string;
};

/**
 * The request log's record. Production writes one per request as a JSON line, so it builds
 * that line itself, field by field, instead of serialising its properties generically: the
 * output is the same, in a third of the time. A copy of it (as redaction makes) is a plain
 * record again and goes the general way.
 */
export class RequestRecord implements LogRecord {
  readonly timestamp: number;
  readonly level: LogLevel;
  readonly category: readonly string[];
  readonly message: string;
  readonly properties: Readonly<RequestProperties>;
  #json: string | undefined;

  constructor(
    level: LogLevel,
    category: readonly string[],
    properties: RequestProperties,
  ) {
    this.timestamp = Date.now();
    this.level = level;
    this.category = category;
    this.message = `${properties.method} ${properties.route} ${properties.status}`;
    this.properties = properties;
  }

  /** The JSON line, or `undefined` when a user id is neither a string nor a number. */
  jsonLine(): string | undefined {
    if (this.#json !== undefined) return this.#json;
    const p = this.properties;
    const { userId } = p;
    if (userId !== undefined && typeof userId !== "string" && typeof userId !== "number") {
      return undefined;
    }
    const method = jsonString(p.method);
    const route = jsonString(p.route);
    // The message is method, route and status: when the first two needed only their quotes,
    // so does the message, and checking it again can be skipped.
    const message = method.length + route.length === p.method.length + p.route.length + 4
      ? `"${this.message}"`
      : jsonString(this.message);
    const time = isoTime(this.timestamp);
    const logger = loggerJson(this.category);
    let json =
      `{"@timestamp":"${time}","level":"${JSON_LEVELS[this.level]}","message":${message},` +
      `"logger":${logger},"properties":{"method":${method},"route":${route},` +
      `"path":${jsonString(p.path)},"status":${p.status},"durationMs":${p.durationMs}`;
    if (p.bytes !== undefined) json += `,"bytes":${p.bytes}`;
    json += `,"requestId":${jsonString(p.requestId)}`;
    if (typeof userId === "string") json += `,"userId":${jsonString(userId)}`;
    else if (userId !== undefined) json += `,"userId":${JSON.stringify(userId)}`;
    if (p.slow) json += `,"slow":true`;
    if (p.error !== undefined) json += `,"error":${jsonString(p.error)}`;
    return this.#json = json + "}}\n";
  }
}
