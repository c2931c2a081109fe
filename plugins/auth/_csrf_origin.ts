import type { Context } from "../../core/mod.ts";

/**
 * Why an unsafe request looks cross-origin, or `undefined` when its `Sec-Fetch-Site` and
 * `Origin` headers (when sent) name this site. The site is the validated `ctx.host` (already
 * checked against the app's allowed hosts) with the scheme the request came over.
 */
export function crossOriginReason(ctx: Context): string | undefined {
  const site = ctx.request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") {
    return `Sec-Fetch-Site is "${site}"`;
  }
  const origin = ctx.request.headers.get("origin");
  if (origin === null) return undefined;
  if (origin === "null") return "Origin is null";
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return "Origin is malformed";
  }
  const scheme = ctx.secure ? "https:" : "http:";
  const defaultPort = ctx.secure ? ":443" : ":80";
  const own = ctx.host.toLowerCase();
  const host = own.endsWith(defaultPort) ? own.slice(0, -defaultPort.length) : own;
  if (url.protocol !== scheme || url.host !== host) return "Origin is another site";
  return undefined;
}
