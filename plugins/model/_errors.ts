import { HttpError } from "../../core/mod.ts";

/** Per-field messages, keyed by field name; `__all__` holds messages about the whole row. */
export type FieldErrors = Record<string, string[]>;

/** Invalid data for a model: a 400 with the messages of each field in `details.fields`. */
export class ValidationError extends HttpError {
  /** The messages of each invalid field. */
  readonly fields: FieldErrors;

  /** @param fields The messages of each invalid field. */
  constructor(fields: FieldErrors) {
    const names = Object.keys(fields).join(", ");
    super(400, `Invalid data: check ${names}`, { details: { fields } });
    this.name = "ValidationError";
    this.fields = fields;
  }
}

/** `get()` found no row: a 404 when it escapes a view. */
export class DoesNotExist extends HttpError {
  /** @param model The model's name. */
  constructor(model: string) {
    super(404, `${model} matching the query does not exist`);
    this.name = "DoesNotExist";
  }
}

/** `get()` found more than one row: a 500, since the query was expected to be unique. */
export class MultipleObjectsReturned extends HttpError {
  /** @param model The model's name. @param count How many rows matched (at least). */
  constructor(model: string, count: number) {
    super(500, `get() returned more than one ${model}: ${count} or more matched`);
    this.name = "MultipleObjectsReturned";
  }
}

/** A unique, foreign-key, not-null or check constraint refused a write: a 409. */
export class IntegrityError extends HttpError {
  /** The violated constraint's name, when the database told it. */
  readonly constraint: string | undefined;

  /** @param constraint The constraint's name. @param cause The driver's error. */
  constructor(constraint: string | undefined, cause: unknown) {
    super(409, "The change conflicts with existing data", { cause });
    this.name = "IntegrityError";
    this.constraint = constraint;
  }
}

const LOST_CONNECTION = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ENOTFOUND",
  "ETIMEDOUT",
  "57P01",
  "57P02",
  "57P03",
]);

/** Whether a driver error means the server cannot be reached (down, restarting, dropped). */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return false;
  return LOST_CONNECTION.has(code) || code.startsWith("08");
}

/**
 * Turns a driver error into an `HttpError`: 503 when the connection is lost, 409 for constraint
 * violations, otherwise a 500 whose message never contains SQL (the original is the cause).
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const { code, constraint, constraint_name } = (error ?? {}) as Record<string, unknown>;
  if (isConnectionError(error)) {
    return new HttpError(503, "Database is unavailable", {
      cause: error,
      headers: { "retry-after": "1" },
    });
  }
  if (typeof code === "string" && code.startsWith("23")) {
    const name = (constraint ?? constraint_name) as string | undefined;
    return new IntegrityError(name, error);
  }
  return new HttpError(500, `Database query failed (SQLSTATE ${String(code ?? "unknown")})`, {
    cause: error,
  });
}
