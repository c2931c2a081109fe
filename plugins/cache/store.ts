/**
 * Where a {@linkcode Cache} keeps its bytes: the contract that {@linkcode MemoryStore},
 * {@linkcode RedisStore} and stores written by plugin authors fulfil. The cache namespaces keys,
 * serialises values, checks tags and degrades on failures; a store only keeps bytes with expiry
 * times and tag versions.
 *
 * Rules every store follows:
 * - Every key expires: `ttl` is in milliseconds and always positive.
 * - A rejection with a `TypeError` means misuse (such as incrementing a value that is not an
 *   integer) and reaches the caller; any other rejection means the store is unavailable, and the
 *   cache serves uncached instead. A remote store gives up on its own after a short timeout.
 * - Tag versions are opaque strings. A tag that is absent has no version; when one is created
 *   it gets a version it never had before, so entries written under an expired tag stay stale.
 *
 * @example A store that keeps nothing
 * ```ts
 * import { Cache, type CacheStore } from "@plinth/plinth/cache";
 * import assert from "node:assert/strict";
 *
 * const nothing: CacheStore = {
 *   get: () => Promise.resolve(undefined),
 *   set: () => Promise.resolve(),
 *   delete: () => Promise.resolve(false),
 *   increment: (_key, by) => Promise.resolve(by),
 *   getTags: (keys) => Promise.resolve(keys.map(() => undefined)),
 *   ensureTags: (keys) => Promise.resolve(keys.map(() => crypto.randomUUID())),
 *   invalidateTags: () => Promise.resolve(),
 *   clear: () => Promise.resolve(),
 *   close: () => Promise.resolve(),
 * };
 * const cache = new Cache(nothing);
 * await cache.set("answer", 42);
 * assert.equal(await cache.get("answer"), undefined);
 * ```
 */
export interface CacheStore {
  /**
   * The store's clock in milliseconds since the epoch, which expiry is measured against; tests
   * inject one. Omitted: `Date.now`.
   */
  readonly now?: () => number;
  /** Starts connecting and waits at most the store's timeout; never rejects. */
  open?(): Promise<void>;
  /** The bytes under `key`, or `undefined` when absent or expired. */
  get(key: string): Promise<Uint8Array | undefined>;
  /**
   * Like `get`, synchronously, for stores in process memory: page-cache hits then answer without
   * waiting for a promise. Remote stores leave it out.
   */
  peek?(key: string): Uint8Array | undefined;
  /** Stores `value` under `key` for `ttl` milliseconds, replacing what was there. */
  set(key: string, value: Uint8Array, ttl: number): Promise<void>;
  /** Removes `key`; resolves `true` when something was removed. */
  delete(key: string): Promise<boolean>;
  /**
   * Adds `by` to the decimal integer under `key` and resolves the sum. An absent key counts as
   * `0` and is created to expire after `ttl` milliseconds; an existing key keeps its expiry.
   *
   * @throws {TypeError} When the value under `key` is not an integer.
   */
  increment(key: string, by: number, ttl: number): Promise<number>;
  /** The current version of each tag key, `undefined` for absent ones. */
  getTags(keys: readonly string[]): Promise<(string | undefined)[]>;
  /**
   * The current version of each tag key, creating absent ones with fresh versions, and keeping
   * each alive for at least `ttl` milliseconds.
   */
  ensureTags(keys: readonly string[], ttl: number): Promise<string[]>;
  /** Gives each existing tag key a fresh version, keeping its expiry; absent ones stay absent. */
  invalidateTags(keys: readonly string[]): Promise<void>;
  /** Removes every key that starts with `prefix`. */
  clear(prefix: string): Promise<void>;
  /** Releases connections and timers. */
  close(): Promise<void>;
}
