import { createHash } from "node:crypto";
import type { Middleware } from "../../core/mod.ts";
import { bufferBody } from "./_buffer.ts";
import { cacheControl } from "./_directives.ts";

/** Options of {@linkcode conditionalGet}. */
export interface ConditionalGetOptions {
  /** The largest body buffered to compute an ETag, in bytes; default 1 MiB. */
  maxBytes?: number;
}

const KEPT_ON_304 = [
  "age",
  "cache-control",
  "content-location",
  "date",
  "etag",
  "expires",
  "last-modified",
  "vary",
];

/**
 * Conditional GET middleware (Django's `ConditionalGetMiddleware`), for one route or, with
 * `app.use()`, for many. On `200` answers to GET and HEAD it adds a weak `ETag` computed from
 * the body unless the view set one, and answers `304 Not Modified` without the body when the
 * request's `If-None-Match` matches the ETag or, without `If-None-Match`, its
 * `If-Modified-Since` is not older than the view's `Last-Modified`.
 *
 * Computing an ETag needs the whole body, so it is buffered: bodies larger than `maxBytes` and
 * answers with `Cache-Control: no-store` (server-sent events send it) are passed on unbuffered,
 * without an ETag. Routes that stream slowly should send `no-store` or not use this middleware.
 *
 * @param options The buffering limit; see {@linkcode ConditionalGetOptions}.
 * @returns The middleware.
 * @throws {RangeError} For a `maxBytes` that is not a positive integer.
 *
 * @example Revalidating with an ETag
 * ```ts
 * import { App } from "@plinth/plinth";
 * import { conditionalGet } from "@plinth/plinth/cache";
 * import assert from "node:assert/strict";
 *
 * const app = new App({ env: "test" });
 * app.use(conditionalGet());
 * app.get("/report", (ctx) => ctx.text("all good"));
 * const first = await app.request("/report");
 * const etag = first.headers.get("etag")!;
 * assert.match(etag, /^W\/"/);
 * const again = await app.request("/report", { headers: { "if-none-match": etag } });
 * assert.equal(again.status, 304);
 * assert.equal(await again.text(), "");
 * ```
 */
export function conditionalGet(options: ConditionalGetOptions = {}): Middleware {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
    throw new RangeError("Cannot create conditionalGet: maxBytes must be a positive integer");
  }
  return async function conditionalGet(ctx, next) {
    const res = await next();
    const method = ctx.request.method;
    if ((method !== "GET" && method !== "HEAD") || res.status !== 200) return res;
    let out = res;
    let etag = res.headers.get("etag");
    if (etag === null && !cacheControl(res.headers.get("cache-control")).has("no-store")) {
      const read = await bufferBody(res, maxBytes);
      if ("response" in read) {
        out = read.response;
      } else {
        etag = weakEtag(read.body);
        const headers = new Headers(res.headers);
        headers.set("etag", etag);
        out = new Response(read.body, { status: 200, statusText: res.statusText, headers });
      }
    }
    if (!notModified(ctx.request.headers, etag, out.headers.get("last-modified"))) return out;
    await out.body?.cancel();
    const headers = new Headers();
    for (const name of KEPT_ON_304) {
      const value = out.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    for (const cookie of out.headers.getSetCookie()) headers.append("set-cookie", cookie);
    return new Response(null, { status: 304, headers });
  };
}

function weakEtag(body: Uint8Array): string {
  return `W/"${createHash("sha1").update(body).digest("base64url")}"`;
}

function notModified(request: Headers, etag: string | null, lastModified: string | null): boolean {
  const ifNoneMatch = request.get("if-none-match");
  if (ifNoneMatch !== null) return etag !== null && matches(ifNoneMatch, etag);
  const ifModifiedSince = request.get("if-modified-since");
  if (ifModifiedSince === null || lastModified === null) return false;
  const since = Date.parse(ifModifiedSince);
  const modified = Date.parse(lastModified);
  return !Number.isNaN(since) && !Number.isNaN(modified) && modified <= since;
}

/** Weak comparison (RFC 9110, 8.8.3.2) of `etag` against an `If-None-Match` list. */
function matches(list: string, etag: string): boolean {
  if (list.trim() === "*") return true;
  const opaque = etag.replace(/^W\//, "");
  return (list.match(/(?:W\/)?"[^"]*"/g) ?? []).some((tag) => tag.replace(/^W\//, "") === opaque);
}
