const SAFE_SCHEMES = new Set(["http", "https", "mailto", "tel"]);
/** What browsers drop from URLs before reading the scheme: C0 controls, space, tab, newlines. */
// deno-lint-ignore no-control-regex -- stripping control characters is the point
const IGNORED = /[\u0000-\u0020\u007f]/g;

/**
 * A URL from data (a user's website, a link in a post) made safe for `href` and `src`: relative
 * URLs and `http:`, `https:`, `mailto:` and `tel:` pass unchanged; anything else, above all
 * `javascript:` and `data:` (however spelt: `JaVa\tScRiPt:`), becomes `"about:invalid"`, which
 * goes nowhere. Preact already escapes attribute values; this stops URLs that are harmful as
 * URLs.
 *
 * @param url The URL as given.
 * @returns `url`, or `"about:invalid"`.
 *
 * @example Links from user data
 * ```ts
 * import { safeUrl } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * assert.equal(safeUrl("https://example.com/a?b=c"), "https://example.com/a?b=c");
 * assert.equal(safeUrl("/posts/1"), "/posts/1");
 * assert.equal(safeUrl("javascript:alert(1)"), "about:invalid");
 * assert.equal(safeUrl(" java\tscript:alert(1)"), "about:invalid");
 * assert.equal(safeUrl("data:text/html,<script>alert(1)</script>"), "about:invalid");
 * ```
 */
export function safeUrl(url: string): string {
  return isSafeUrl(url) ? url : "about:invalid";
}

/**
 * Whether `url` is relative or uses `http:`, `https:`, `mailto:` or `tel:`, as
 * {@linkcode safeUrl} decides.
 *
 * @param url The URL as given.
 * @returns Whether it is safe in `href` and `src`.
 *
 * @example Validating a submitted URL
 * ```ts
 * import { isSafeUrl } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isSafeUrl("mailto:ann@example.com"), true);
 * assert.equal(isSafeUrl("vbscript:msgbox(1)"), false);
 * ```
 */
export function isSafeUrl(url: string): boolean {
  const scheme = url.replace(IGNORED, "").match(/^([a-z][a-z0-9+.-]*):/i);
  return scheme === null || SAFE_SCHEMES.has(scheme[1].toLowerCase());
}
