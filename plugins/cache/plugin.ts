import type { App, Plugin } from "../../core/mod.ts";
import { Cache, type CacheOptions } from "./cache.ts";
import { checkCacheOptions } from "./_options.ts";
import { MemoryStore } from "./memory_store.ts";
import { RedisStore } from "./redis_store.ts";
import type { CacheStore } from "./store.ts";

/** Options of the {@linkcode cache} plugin. */
export interface CachePluginOptions extends Omit<CacheOptions, "logger"> {
  /** The store; omitted: Redis at `url` or `REDIS_URL` when set, else a {@linkcode MemoryStore}. */
  store?: CacheStore;
  /**
   * The Redis server to use when no `store` is given; defaults to `REDIS_URL`. An empty string
   * means the memory store even when `REDIS_URL` is set.
   */
  url?: string;
}

/**
 * The cache plugin: adds a {@linkcode Cache} as `app.cache` and `ctx.cache`. Without a `store`
 * it uses Redis when `url` or `REDIS_URL` is set, and otherwise a {@linkcode MemoryStore}, which
 * is per process and meant for development and tests (a warning says so in production). Setup
 * waits at most the store's timeout for a connection, so the app starts while Redis is down;
 * teardown closes the store. Warnings go to `app.log`, category `cache`.
 *
 * @param options Store, namespace and defaults; see {@linkcode CachePluginOptions}.
 * @returns The plugin, named `"cache"`.
 * @throws {RangeError} For a `ttl` or `maxValueBytes` that is not a positive number.
 *
 * @example Registering the plugin
 * ```ts
 * import { App } from "@plinth/plinth";
 * import { cache, MemoryStore } from "@plinth/plinth/cache";
 * import assert from "node:assert/strict";
 *
 * const app = new App({ env: "test" }).register(cache({ store: new MemoryStore() }));
 * app.get("/visits", async (ctx) => ctx.text(String(await ctx.cache.increment("visits"))));
 * assert.equal(await (await app.request("/visits")).text(), "1");
 * assert.equal(await (await app.request("/visits")).text(), "2");
 * assert.equal(await app.cache.get("visits"), 2);
 * await app.close();
 * ```
 */
export function cache(options: CachePluginOptions = {}): Plugin {
  checkCacheOptions(options);
  let instance: Cache | undefined;
  return {
    name: "cache",
    async setup(app: App) {
      const log = () => app.log.getChild("cache");
      const store = options.store ?? chooseStore(options.url, app);
      instance = new Cache(store, { ...options, logger: log });
      app.decorate("cache", instance);
      await store.open?.();
    },
    async teardown() {
      await instance?.close();
    },
  };
}

function chooseStore(url: string | undefined, app: App): CacheStore {
  const redis = url ?? readVariable("REDIS_URL");
  if (redis !== undefined && redis !== "") return new RedisStore({ url: redis });
  if (app.env === "production") {
    app.log.getChild("cache").warn(
      "Caching in process memory: each process has its own cache and invalidations do not " +
        "reach other processes; set REDIS_URL",
    );
  }
  return new MemoryStore();
}

function readVariable(name: string): string | undefined {
  const allowed = Deno.permissions.querySync({ name: "env", variable: name }).state === "granted";
  return allowed ? Deno.env.get(name) : undefined;
}
