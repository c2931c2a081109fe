/** HSTS settings. */
export interface HstsOptions {
  /** Seconds browsers keep using HTTPS only; defaults to one year. */
  maxAge?: number;
  /** Whether subdomains are covered too; defaults to `false`. */
  includeSubDomains?: boolean;
  /** Whether to ask for preload-list inclusion; defaults to `false`. */
  preload?: boolean;
}

/**
 * The security headers the app adds to every response that does not set them itself. Each can be
 * changed or turned off with `false`.
 *
 * @example Allowing same-origin frames
 * ```ts
 * import { App } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * const app = new App({ env: "test", securityHeaders: { frameOptions: "SAMEORIGIN" } });
 * app.get("/", (ctx) => ctx.text("hi"));
 * const res = await app.request("/");
 * assert.equal(res.headers.get("x-frame-options"), "SAMEORIGIN");
 * assert.equal(res.headers.get("x-content-type-options"), "nosniff");
 * ```
 */
export interface SecurityHeadersOptions {
  /** `X-Content-Type-Options`; default `nosniff`. */
  contentTypeOptions?: "nosniff" | false;
  /** `X-Frame-Options`; default `DENY`. */
  frameOptions?: "DENY" | "SAMEORIGIN" | false;
  /** `Referrer-Policy`; default `same-origin`. */
  referrerPolicy?: string | false;
  /** `Cross-Origin-Opener-Policy`; default `same-origin`. */
  crossOriginOpenerPolicy?: string | false;
  /** `Strict-Transport-Security`, sent on secure requests only; on by default. */
  hsts?: HstsOptions | false;
}

/** The resolved header lists: always, and added on secure requests. Internal. */
export interface SecurityHeaderSet {
  readonly always: readonly (readonly [string, string])[];
  readonly secure: readonly (readonly [string, string])[];
}

/** Resolves options into header lists once, at app construction. Internal. */
export function securityHeaderSet(options: SecurityHeadersOptions | false): SecurityHeaderSet {
  if (options === false) return { always: [], secure: [] };
  const always: [string, string][] = [];
  const add = (name: string, value: string | false | undefined, fallback: string) => {
    if (value !== false) always.push([name, value ?? fallback]);
  };
  add("x-content-type-options", options.contentTypeOptions, "nosniff");
  add("x-frame-options", options.frameOptions, "DENY");
  add("referrer-policy", options.referrerPolicy, "same-origin");
  add("cross-origin-opener-policy", options.crossOriginOpenerPolicy, "same-origin");
  const secure: [string, string][] = [];
  if (options.hsts !== false) {
    const hsts = options.hsts ?? {};
    let value = `max-age=${hsts.maxAge ?? 31536000}`;
    if (hsts.includeSubDomains) value += "; includeSubDomains";
    if (hsts.preload) value += "; preload";
    secure.push(["strict-transport-security", value]);
  }
  return { always, secure };
}
