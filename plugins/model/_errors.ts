import { HttpError } from "../../core/mod.ts";

/**
 * Per-field messages, keyed by field name; `__all__` holds messages about the whole row.
 *
 * @example Messages per field
 * ```ts
 * import type { FieldErrors } from "@plinth/plinth/model";
 *
 * const errors: FieldErrors = { title: ["Ensure this value has at most 200 characters (it has 250)"] };
 * ```
 */
export type FieldErrors = Record<string, string[]>;

/**
 * Invalid data for a model: a 400 with the messages of each field in `details.fields`.
 *
 * @example The status ValidationError answers with
 * ```ts
 * import { ValidationError } from "@plinth/plinth/model";
 * import { HttpError } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * const error = new ValidationError({ title: ["This field is required"] });
 * assert.ok(error instanceof HttpError);
 * assert.equal(error.status, 400);
 * ```
 */
export class ValidationError extends HttpError {
  /** The messages of each invalid field. */
  readonly fields: FieldErrors;

  /**
   * Creates the error from per-field messages.
   *
   * @param fields The messages of each invalid field.
   */
  constructor(fields: FieldErrors) {
    const names = Object.keys(fields).join(", ");
    super(400, `Invalid data: check ${names}`, { details: { fields } });
    this.name = "ValidationError";
    this.fields = fields;
  }
}

/**
 * A filter key, ordering, annotation or lookup value that names no field, names one unsafely,
 * or does not fit: a 400, since such text usually comes from the request.
 *
 * @example The status FieldError answers with
 * ```ts
 * import { FieldError } from "@plinth/plinth/model";
 * import { HttpError } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * const error = new FieldError("Cannot resolve \"x\"");
 * assert.ok(error instanceof HttpError);
 * assert.equal(error.status, 400);
 * ```
 */
export class FieldError extends HttpError {
  /**
   * Creates the error.
   *
   * @param message What is wrong, and the fields that exist.
   */
  constructor(message: string) {
    super(400, message);
    this.name = "FieldError";
  }
}

/**
 * `get()` found no row: a 404 when it escapes a view.
 *
 * @example The status DoesNotExist answers with
 * ```ts
 * import { DoesNotExist } from "@plinth/plinth/model";
 * import { HttpError } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * const error = new DoesNotExist("Post");
 * assert.ok(error instanceof HttpError);
 * assert.equal(error.status, 404);
 * ```
 */
export class DoesNotExist extends HttpError {
  /**
   * Creates the error for a model.
   *
   * @param model The model's name.
   */
  constructor(model: string) {
    super(404, `${model} matching the query does not exist`);
    this.name = "DoesNotExist";
  }
}

/**
 * `get()` found more than one row: a 500, since the query was expected to be unique.
 *
 * @example The status MultipleObjectsReturned answers with
 * ```ts
 * import { MultipleObjectsReturned } from "@plinth/plinth/model";
 * import { HttpError } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * const error = new MultipleObjectsReturned("Post", 2);
 * assert.ok(error instanceof HttpError);
 * assert.equal(error.status, 500);
 * ```
 */
export class MultipleObjectsReturned extends HttpError {
  /**
   * Creates the error for a model.
   *
   * @param model The model's name.
   * @param count How many rows matched (at least).
   */
  constructor(model: string, count: number) {
    super(500, `get() returned more than one ${model}: ${count} or more matched`);
    this.name = "MultipleObjectsReturned";
  }
}

/**
 * A unique, foreign-key, not-null or check constraint refused a write: a 409.
 *
 * @example The status IntegrityError answers with
 * ```ts
 * import { IntegrityError } from "@plinth/plinth/model";
 * import { HttpError } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * const error = new IntegrityError("post_slug_key", undefined);
 * assert.ok(error instanceof HttpError);
 * assert.equal(error.status, 409);
 * ```
 */
export class IntegrityError extends HttpError {
  /** The violated constraint's name, when the database told it. */
  readonly constraint: string | undefined;

  /**
   * Creates the error from the driver's.
   *
   * @param constraint The violated constraint's name.
   * @param cause The driver's error.
   */
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
  if (code === "42P01" || code === "42703") {
    return new HttpError(
      500,
      "The database does not match the models: run makemigrations and migrate",
      {
        cause: error,
      },
    );
  }
  return new HttpError(500, `Database query failed (SQLSTATE ${String(code ?? "unknown")})`, {
    cause: error,
  });
}
