/**
 * Whether `target` is a safe redirect: a path on this site (`/x`, not `//x` or `/\x`), or, when
 * `origin` is given, an absolute http(s) URL with that origin. Control characters, backslashes
 * and schemes such as `javascript:` are never safe.
 *
 * @param target A redirect target, possibly from request data (a `next` parameter).
 * @param origin The site's own origin, to accept absolute URLs pointing back at it.
 * @returns Whether redirecting there cannot leave the site.
 *
 * @example Checking `next` values
 * ```ts
 * import { isSafeRedirect } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isSafeRedirect("/account"), true);
 * assert.equal(isSafeRedirect("//evil.com"), false);
 * assert.equal(isSafeRedirect("/\\evil.com"), false);
 * assert.equal(isSafeRedirect("javascript:alert(1)"), false);
 * assert.equal(isSafeRedirect("https://example.com/a", "https://example.com"), true);
 * ```
 */
export function isSafeRedirect(target: string, origin?: string): boolean {
  // deno-lint-ignore no-control-regex -- control characters are what this refuses
  if (/[\x00-\x1f\x7f\\]/.test(target)) return false;
  if (target.startsWith("/")) return !target.startsWith("//");
  if (origin === undefined) return false;
  try {
    const url = new URL(target);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === origin;
  } catch {
    return false;
  }
}
