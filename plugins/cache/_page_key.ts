import type { Context } from "../../core/mod.ts";

/**
 * The store key of a page: `prefix`, then scheme, validated host (lower case, port kept),
 * canonical path and the query with its parameters sorted by name (stable, so repeated names
 * keep their order) and re-encoded. A `#fragment` is never part of it. The path is length-prefixed because a decoded
 * path may contain `?`, so no path and query can produce another's key.
 */
export function pageKey(ctx: Context, prefix: string): string {
  const url = ctx.request.url;
  let end = url.indexOf("#");
  if (end < 0) end = url.length;
  const at = url.indexOf("?");
  const query = at >= 0 && at < end - 1 ? normaliseQuery(url.slice(at + 1, end)) : "";
  const path = ctx.path;
  const host = ctx.host.toLowerCase();
  return `${prefix}${ctx.secure ? "https" : "http"} ${host} ${path.length}:${path}?${query}`;
}

/** The key of the variant of a page for the request's values of the `vary` headers. */
export function variantKey(key: string, vary: readonly string[], headers: Headers): string {
  let out = `${key}\n`;
  for (const name of vary) {
    const value = headers.get(name);
    out += value === null ? "-" : `${value.length}:${value}`;
  }
  return out;
}

function normaliseQuery(raw: string): string {
  const params = new URLSearchParams(raw);
  params.sort();
  return params.toString();
}
