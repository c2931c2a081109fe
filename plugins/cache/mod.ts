/**
 * Plinth's cache, after Django's cache framework: a low-level API (`get`, `set`, `getOrSet` with
 * single flight, `increment`, tags), stores in memory or on Redis behind one
 * {@linkcode CacheStore} interface, a page cache and conditional GET middleware. Register
 * {@linkcode cache} to get `app.cache` and `ctx.cache`; when Redis is down, slow or restarting,
 * every call gives up quickly and requests are served uncached.
 *
 * @example Low-level API and page cache
 * ```ts
 * import { App } from "@plinth/plinth";
 * import { cache, conditionalGet, MemoryStore, pageCache } from "@plinth/plinth/cache";
 * import assert from "node:assert/strict";
 *
 * const app = new App({ env: "test" }).register(cache({ store: new MemoryStore() }));
 * app.use(conditionalGet());
 * app.get("/", pageCache({ ttl: 60, tags: ["home"] }), async (ctx) => {
 *   const posts = await ctx.cache.getOrSet("posts", () => ["Hello"], { tags: ["posts"] });
 *   return ctx.html(`<h1>${posts.join(", ")}</h1>`);
 * });
 * const res = await app.request("/");
 * assert.equal(await res.text(), "<h1>Hello</h1>");
 * const cached = await app.request("/", { headers: { "if-none-match": res.headers.get("etag")! } });
 * assert.equal(cached.status, 304);
 * await app.cache.invalidateTags(["home", "posts"]);
 * await app.close();
 * ```
 *
 * @module
 */
import type { Cache } from "./cache.ts";

export { Cache, type CacheOptions, type SetOptions } from "./cache.ts";
export { cache, type CachePluginOptions } from "./plugin.ts";
export type { CacheStore } from "./store.ts";
export { MemoryStore, type MemoryStoreOptions } from "./memory_store.ts";
export { RedisStore, type RedisStoreOptions } from "./redis_store.ts";
export { pageCache, type PageCacheOptions } from "./page_cache.ts";
export { conditionalGet, type ConditionalGetOptions } from "./conditional_get.ts";

declare module "../../core/mod.ts" {
  interface App {
    /** The app's cache, added by the `cache()` plugin. */
    cache: Cache;
  }
  interface Context {
    /** The app's cache, added by the `cache()` plugin. */
    cache: Cache;
  }
}
