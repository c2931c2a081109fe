import type { Context, Middleware, Next } from "../../core/mod.ts";
import { Cache, cacheInternals, type CacheParts } from "./cache.ts";
import { decodePage, type Page, pageResponse, type VaryList } from "./_page_entry.ts";
import { pageKey, variantKey } from "./_page_key.ts";
import { storePage, type StoreRules } from "./_page_store.ts";

/** Options of {@linkcode pageCache}. */
export interface PageCacheOptions {
  /**
   * Whole seconds a page is kept and the `max-age` sent with it; default 60. A response's own
   * `s-maxage` or `max-age` takes precedence.
   */
  ttl?: number;
  /** Tags to invalidate the route's pages by, fixed or computed from the request. */
  tags?: readonly string[] | ((ctx: Context) => readonly string[]);
  /**
   * Cookies that mark a session: requests carrying one are served fresh and never stored.
   * Default: `["plinth_session", "__Host-plinth_session"]`, the auth plugin's.
   */
  sessionCookies?: readonly string[];
  /**
   * Serve and store pages for requests with a session cookie or `Authorization` too: only for
   * pages that are the same for every user. Default `false`.
   */
  shareAuthenticated?: boolean;
  /** The largest body buffered and stored, in bytes; larger ones are streamed on. Default 1 MiB. */
  maxBytes?: number;
}

const SESSION_COOKIES = ["plinth_session", "__Host-plinth_session"] as const;

/**
 * Page cache middleware (Django's `cache_page`), for one route or, with `app.use()`, for many:
 * GET and HEAD answers are served from the app's cache (the `cache()` plugin), keyed by scheme,
 * validated host, canonical path and sorted query, and by the request headers the page names in
 * `Vary`. Hits carry `Age`; stored pages carry `Cache-Control: max-age`.
 *
 * Only `200` answers to GET are stored, and never one that sets a cookie (in its headers or
 * queued on `ctx.cookies`), has `Cache-Control` `private`, `no-store` or `no-cache`, or varies
 * on `Cookie`, `Authorization` or `*`. Requests with a session cookie or `Authorization` bypass
 * the cache unless `shareAuthenticated` is set. A view that reads cookies must say so with
 * `Vary: Cookie`. When the store is unavailable, pages are served uncached.
 *
 * To be stored, a body is buffered up to `maxBytes` (a longer one is streamed on unstored), so
 * a slowly streamed answer reaches the client when complete; streaming routes should send
 * `Cache-Control: no-store` (server-sent events do), which is never buffered.
 *
 * @param options Lifetime, tags and session rules; see {@linkcode PageCacheOptions}.
 * @returns The middleware.
 * @throws {RangeError} For a `ttl` or `maxBytes` that is not a positive integer.
 *
 * @example Caching one route
 * ```ts
 * import { App } from "@plinth/plinth";
 * import { cache, MemoryStore, pageCache } from "@plinth/plinth/cache";
 * import assert from "node:assert/strict";
 *
 * const app = new App({ env: "test" }).register(cache({ store: new MemoryStore() }));
 * let renders = 0;
 * app.get("/news", pageCache({ ttl: 30 }), (ctx) => ctx.html(`<p>render ${++renders}</p>`));
 * await (await app.request("/news?b=2&a=1")).text();
 * const hit = await app.request("/news?a=1&b=2");
 * assert.equal(await hit.text(), "<p>render 1</p>");
 * assert.equal(hit.headers.get("cache-control"), "max-age=30");
 * assert.equal(hit.headers.get("age"), "0");
 * await app.close();
 * ```
 */
export function pageCache(options: PageCacheOptions = {}): Middleware {
  const rules: StoreRules = {
    ttl: positive("ttl", options.ttl ?? 60),
    maxBytes: positive("maxBytes", options.maxBytes ?? 1024 * 1024),
  };
  const sessionCookies = options.sessionCookies ?? SESSION_COOKIES;
  const share = options.shareAuthenticated ?? false;
  const tags = options.tags;
  const tagsOf = typeof tags === "function" ? tags : () => tags ?? [];

  // Not async: with a store in process memory, a hit is answered without a promise.
  return function pageCache(ctx, next) {
    const method = ctx.request.method;
    if (method !== "GET" && method !== "HEAD") return next();
    if (!share && hasCredentials(ctx, sessionCookies)) return next();
    const parts = partsOf(ctx);
    const key = pageKey(ctx, parts.names.pages);
    const { headers } = ctx.request;
    if (!parts.store.peeks) {
      return lookup(ctx, parts, key, headers).then((hit) => hit ?? render(ctx, next, parts, key));
    }
    let entry = peek(parts, key);
    if (entry?.kind === "vary") entry = peek(parts, variantKey(key, entry.names, headers));
    if (entry?.kind !== "page") return render(ctx, next, parts, key);
    if (entry.tags === undefined) return pageResponse(ctx, entry, parts.store.now());
    return answer(ctx, parts, entry).then((hit) => hit ?? render(ctx, next, parts, key));
  };

  async function render(ctx: Context, next: Next, parts: CacheParts, key: string) {
    const pageTags = tagsOf(ctx);
    const versions = pageTags.length > 0
      ? await parts.store.ensureTags(parts.names.tags(pageTags), rules.ttl * 1000)
      : undefined;
    const res = await next();
    if (ctx.request.method !== "GET" || (pageTags.length > 0 && versions === undefined)) return res;
    const target = versions === undefined
      ? { parts, key }
      : { parts, key, tags: pageTags, versions };
    return await storePage(ctx, res, target, rules);
  }
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`Cannot create pageCache: ${name} must be a positive integer`);
  }
  return value;
}

function hasCredentials(ctx: Context, sessionCookies: readonly string[]): boolean {
  const headers = ctx.request.headers;
  if (headers.has("authorization")) return true;
  if (!headers.has("cookie")) return false;
  return sessionCookies.some((name) => ctx.cookies.has(name));
}

function partsOf(ctx: Context): CacheParts {
  const cache = (ctx as unknown as { cache?: unknown }).cache;
  if (!(cache instanceof Cache)) {
    throw new Error("Cannot use pageCache(): register the cache plugin with app.register(cache())");
  }
  return cacheInternals.parts(cache);
}

function peek(parts: CacheParts, key: string): Page | VaryList | undefined {
  return decoded(parts.store.peek(key));
}

/** The page under `key`, through its vary list, from a store that is read asynchronously. */
async function lookup(ctx: Context, parts: CacheParts, key: string, headers: Headers) {
  let entry = decoded(await parts.store.get(key));
  if (entry?.kind === "vary") {
    entry = decoded(await parts.store.get(variantKey(key, entry.names, headers)));
  }
  return entry?.kind === "page" ? await answer(ctx, parts, entry) : undefined;
}

/** The response for `page`, unless one of its tags was invalidated. */
async function answer(ctx: Context, parts: CacheParts, page: Page): Promise<Response | undefined> {
  const { tags, versions } = page;
  if (tags !== undefined && !await parts.store.fresh(parts.names.tags(tags), versions ?? [])) {
    return undefined;
  }
  return pageResponse(ctx, page, parts.store.now());
}

function decoded(bytes: Uint8Array | undefined): Page | VaryList | undefined {
  if (bytes === undefined) return undefined;
  try {
    return decodePage(bytes);
  } catch {
    return undefined;
  }
}
