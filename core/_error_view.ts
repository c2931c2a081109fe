import { escapeHtml } from "./escape_html.ts";
import { HttpError, statusText } from "./http_error.ts";

/** An error reduced to what may be shown: status, public message, headers, details. */
export interface PublicError {
  readonly status: number;
  readonly message: string;
  readonly headers: Headers | undefined;
  readonly details: Record<string, unknown> | undefined;
}

/** What a client may learn of `error`: unknown errors and 5xx say only their status phrase. */
export function publicError(error: unknown): PublicError {
  if (error instanceof HttpError) {
    return {
      status: error.status,
      message: error.expose ? error.message : statusText(error.status),
      headers: error.headers,
      details: error.expose ? error.details : undefined,
    };
  }
  return { status: 500, message: statusText(500), headers: undefined, details: undefined };
}

/** Whether the client asked for JSON rather than HTML. */
export function wantsJson(request: Request): boolean {
  const accept = request.headers.get("accept") ?? "";
  if (accept.includes("text/html")) return false;
  return accept.includes("json") || !accept.includes("html");
}

/** The default error response: JSON or a small HTML page, by `Accept`. */
export function renderError(request: Request, shown: PublicError, debug?: unknown): Response {
  const headers = new Headers(shown.headers);
  headers.set("cache-control", "no-store");
  if (wantsJson(request)) {
    headers.set("content-type", "application/json");
    const body = { error: { status: shown.status, message: shown.message, ...shown.details } };
    return new Response(JSON.stringify(body), { status: shown.status, headers });
  }
  headers.set("content-type", "text/html; charset=utf-8");
  const title = `${shown.status} ${escapeHtml(statusText(shown.status))}`;
  const trace = debug === undefined ? "" : debugSection(debug);
  const body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}` +
    `</title></head><body><h1>${title}</h1><p>${
      escapeHtml(shown.message)
    }</p>${trace}</body></html>`;
  return new Response(body, { status: shown.status, headers });
}

function debugSection(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? String(error)) : String(error);
  return `<h2>Debug information (PLINTH_ENV=development)</h2><pre>${escapeHtml(text)}</pre>`;
}
