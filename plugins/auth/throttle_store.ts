/**
 * Where login throttling counts failures: fixed windows of attempts per key. The default is
 * {@linkcode MemoryThrottleStore} (per process: for development, tests and single-process
 * apps); with the cache plugin registered, the auth plugin counts in `app.cache` instead (Redis
 * in production), through {@linkcode cacheThrottleStore}.
 *
 * @example Counting in memory
 * ```ts
 * import { MemoryThrottleStore, type ThrottleStore } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * const store: ThrottleStore = new MemoryThrottleStore();
 * assert.equal(await store.hit("ip:1.2.3.4", 60_000), 1);
 * assert.equal(await store.hit("ip:1.2.3.4", 60_000), 2);
 * assert.equal(await store.count("ip:1.2.3.4"), 2);
 * await store.reset("ip:1.2.3.4");
 * assert.equal(await store.count("ip:1.2.3.4"), 0);
 * ```
 */
export interface ThrottleStore {
  /** Adds one to `key`, starting a window of `windowMs` when absent; resolves the new count. */
  hit(key: string, windowMs: number): Promise<number>;
  /** The count in `key`'s current window; 0 when absent or expired. */
  count(key: string): Promise<number>;
  /** Forgets `key`. */
  reset(key: string): Promise<void>;
}

const MAX_KEYS = 100_000;

/**
 * A {@linkcode ThrottleStore} in process memory, bounded to 100,000 keys (expired ones are
 * swept first; then the oldest go). For development, tests and single-process apps.
 *
 * @example Counting attempts
 * ```ts
 * import { MemoryThrottleStore } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * let now = 0;
 * const store = new MemoryThrottleStore({ now: () => now });
 * await store.hit("user:ann", 1000);
 * now = 1001;
 * assert.equal(await store.count("user:ann"), 0);
 * ```
 */
export class MemoryThrottleStore implements ThrottleStore {
  readonly #windows = new Map<string, { count: number; expires: number }>();
  readonly #now: () => number;

  /**
   * Creates an empty store.
   *
   * @param options `now`, a clock in milliseconds for tests; `Date.now` by default.
   */
  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** Adds one to `key`'s window. */
  hit(key: string, windowMs: number): Promise<number> {
    const now = this.#now();
    let entry = this.#windows.get(key);
    if (entry === undefined || entry.expires <= now) {
      if (this.#windows.size >= MAX_KEYS) this.#evict(now);
      entry = { count: 0, expires: now + windowMs };
      this.#windows.set(key, entry);
    }
    entry.count++;
    return Promise.resolve(entry.count);
  }

  /** The count in `key`'s window. */
  count(key: string): Promise<number> {
    const entry = this.#windows.get(key);
    return Promise.resolve(entry !== undefined && entry.expires > this.#now() ? entry.count : 0);
  }

  /** Forgets `key`. */
  reset(key: string): Promise<void> {
    this.#windows.delete(key);
    return Promise.resolve();
  }

  #evict(now: number): void {
    for (const [key, entry] of this.#windows) if (entry.expires <= now) this.#windows.delete(key);
    const excess = this.#windows.size - MAX_KEYS + 1;
    if (excess <= 0) return;
    let removed = 0;
    for (const key of this.#windows.keys()) {
      if (removed++ >= excess) break;
      this.#windows.delete(key);
    }
  }
}

/**
 * What {@linkcode cacheThrottleStore} needs of a cache: the cache plugin's `Cache` has it.
 * Declared here so that auth does not import the cache plugin.
 */
export interface CounterCache {
  /** The value under `key`. */
  get(key: string): Promise<unknown>;
  /** Adds `by` to the counter under `key`, creating it with `ttl` seconds; `undefined` when down. */
  increment(key: string, by?: number, options?: { ttl?: number }): Promise<number | undefined>;
  /** Removes `key`. */
  delete(key: string): Promise<unknown>;
}

/**
 * A {@linkcode ThrottleStore} over a cache (the cache plugin's `app.cache`), shared by every
 * process using the same Redis. When the cache is unavailable, counts read as 0: login stays
 * possible, unthrottled, rather than failing.
 *
 * @param cache A cache with `get`, `increment` and `delete`.
 * @returns The store.
 *
 * @example Over the cache plugin's memory store
 * ```ts
 * import { Cache, MemoryStore } from "@plinth/plinth/cache";
 * import { cacheThrottleStore } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * const store = cacheThrottleStore(new Cache(new MemoryStore()));
 * await store.hit("ip:1.2.3.4", 60_000);
 * assert.equal(await store.count("ip:1.2.3.4"), 1);
 * ```
 */
export function cacheThrottleStore(cache: CounterCache): ThrottleStore {
  return {
    async hit(key, windowMs) {
      return await cache.increment(`auth:t:${key}`, 1, { ttl: Math.ceil(windowMs / 1000) }) ?? 0;
    },
    async count(key) {
      const value = await cache.get(`auth:t:${key}`);
      return typeof value === "number" ? value : 0;
    },
    async reset(key) {
      await cache.delete(`auth:t:${key}`);
    },
  };
}
