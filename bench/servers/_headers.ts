// The exact headers a default Plinth app sends, for raw and Hono servers to send statically.

/** Plinth's default security headers (HSTS is only sent over HTTPS). */
export const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
} as const;

/** `ctx.text()`'s content type. */
export const TEXT_TYPE = { "content-type": "text/plain; charset=utf-8" } as const;

/** `ctx.text()` with security headers. */
export const TEXT_HEADERS = { ...TEXT_TYPE, ...SECURITY_HEADERS } as const;

/** `ctx.json()` with security headers. */
export const JSON_HEADERS = { "content-type": "application/json", ...SECURITY_HEADERS } as const;
