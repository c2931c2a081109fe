/** Standard reason phrases for the statuses Plinth answers with itself. */
const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  416: "Range Not Satisfiable",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/**
 * The reason phrase of an HTTP status, or `"Error"` for one without a known phrase.
 *
 * @param status An HTTP status code.
 * @returns The standard phrase, such as `"Not Found"`.
 *
 * @example Looking up a phrase
 * ```ts
 * import { statusText } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * assert.equal(statusText(404), "Not Found");
 * ```
 */
export function statusText(status: number): string {
  return REASONS[status] ?? (status >= 500 ? "Server Error" : "Error");
}

/** Options of an {@linkcode HttpError}. */
export interface HttpErrorOptions {
  /**
   * Whether the message may be shown to the client. Defaults to `true` below 500 and `false`
   * for 5xx, whose messages are replaced by the status phrase.
   */
  expose?: boolean;
  /** Headers added to the error response, such as `Allow` or `Retry-After`. */
  headers?: HeadersInit;
  /** The underlying error, kept for logs. */
  cause?: unknown;
  /** Extra data rendered into JSON error bodies, such as per-field validation messages. */
  details?: Record<string, unknown>;
}

/**
 * The one error type for request-time failures: throw it from a view or middleware and the
 * framework answers with its status, as HTML or JSON depending on the request's `Accept` header.
 *
 * @example A 404 from a view
 * ```ts
 * import { App, HttpError } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * const app = new App({ env: "test" });
 * app.get("/posts/:id", () => {
 *   throw new HttpError(404, "No such post");
 * });
 * const res = await app.request("/posts/7", { headers: { accept: "application/json" } });
 * assert.equal(res.status, 404);
 * assert.deepEqual(await res.json(), { error: { status: 404, message: "No such post" } });
 * ```
 */
export class HttpError extends Error {
  /** The HTTP status of the response. */
  readonly status: number;
  /** Whether {@linkcode HttpError.message} may be shown to the client. */
  readonly expose: boolean;
  /** Headers added to the error response. */
  readonly headers: Headers;
  /** Extra data rendered into JSON error bodies. */
  readonly details: Record<string, unknown> | undefined;

  /**
   * Creates an error that answers with `status`.
   *
   * @param status An HTTP status from 400 to 599.
   * @param message A message for the client (4xx) or for the logs (5xx).
   * @param options Exposure, extra headers, cause and details.
   * @throws {RangeError} When `status` is not an error status.
   */
  constructor(status: number, message?: string, options: HttpErrorOptions = {}) {
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new RangeError(`Cannot create HttpError with status ${status}: use 400 to 599`);
    }
    super(message ?? statusText(status), { cause: options.cause });
    this.name = "HttpError";
    this.status = status;
    this.expose = options.expose ?? status < 500;
    this.headers = new Headers(options.headers);
    this.details = options.details;
  }
}
