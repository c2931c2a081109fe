import type { Context } from "../../core/mod.ts";
import type { CacheParts } from "./cache.ts";
import { bufferBody } from "./_buffer.ts";
import { cacheControl, seconds, varyNames } from "./_directives.ts";
import { encodePage, type Page } from "./_page_entry.ts";
import { variantKey } from "./_page_key.ts";

/** What the page cache stores a response with. */
export interface StoreRules {
  /** Seconds kept when the response gives no `s-maxage` or `max-age`. */
  readonly ttl: number;
  /** The largest body buffered. */
  readonly maxBytes: number;
}

const NEVER_STORED = ["private", "no-store", "no-cache"];
const PRIVATE_VARY = new Set(["*", "cookie", "authorization"]);

/**
 * Stores the view's response to a GET under `key` when it may be shared, and returns what to
 * send: the same response, or a copy with `Cache-Control: max-age` once its body is buffered.
 * Tag versions were read before rendering, so that an invalidation during the render wins.
 */
export async function storePage(
  ctx: Context,
  res: Response,
  target: {
    parts: CacheParts;
    key: string;
    tags?: readonly string[];
    versions?: readonly string[];
  },
  rules: StoreRules,
): Promise<Response> {
  const plan = storable(ctx, res, rules.ttl);
  if (plan === undefined) return res;
  const headers = new Headers(res.headers);
  // The id of the request that rendered the page is not every hit's.
  headers.delete("x-request-id");
  if (plan.addMaxAge) {
    const current = headers.get("cache-control");
    headers.set("cache-control", `${current ? `${current}, ` : ""}max-age=${rules.ttl}`);
  }
  const read = await bufferBody(res, rules.maxBytes);
  if ("response" in read) return read.response;
  const { parts: { store }, key, tags, versions } = target;
  const page: Page = {
    kind: "page",
    status: 200,
    headers: [...headers],
    body: read.body,
    storedAt: store.now(),
    ...(tags === undefined ? {} : { tags, versions }),
  };
  const ms = plan.seconds * 1000;
  let where = key;
  // Writes go on in the background (they never reject): a slow store delays no response, and
  // later commands on the same store still see them, as stores keep the order of calls.
  if (plan.vary.length > 0) {
    store.set(key, encodePage({ kind: "vary", names: plan.vary }), ms);
    where = variantKey(key, plan.vary, ctx.request.headers);
  }
  store.set(where, encodePage(page), ms);
  return new Response(read.body, { status: 200, statusText: res.statusText, headers });
}

/**
 * How long to store a response, or `undefined` when it must not be shared: not a `200`, sets a
 * cookie (in its headers or queued on `ctx.cookies`, which core writes only after the route's
 * chain), `Cache-Control` `private`, `no-store`, `no-cache` or a zero lifetime, or `Vary` on
 * `Cookie`, `Authorization` or `*`.
 */
function storable(
  ctx: Context,
  res: Response,
  ttl: number,
): { seconds: number; addMaxAge: boolean; vary: string[] } | undefined {
  if (res.status !== 200 || res.headers.has("set-cookie") || ctx.cookies.outgoing.length > 0) {
    return undefined;
  }
  const directives = cacheControl(res.headers.get("cache-control"));
  if (NEVER_STORED.some((name) => directives.has(name))) return undefined;
  const vary = varyNames(res.headers.get("vary"));
  if (vary.some((name) => PRIVATE_VARY.has(name))) return undefined;
  const own = seconds(directives.get("s-maxage")) ?? seconds(directives.get("max-age"));
  if (own === 0) return undefined;
  return { seconds: own ?? ttl, addMaxAge: !directives.has("max-age"), vary };
}
