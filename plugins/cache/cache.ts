import { defaultLogger, type Logger } from "../../core/mod.ts";
import { decodeValue, encodeValue } from "./_codec.ts";
import { GuardedStore } from "./_guarded_store.ts";
import { Namespace } from "./_namespace.ts";
import { checkCacheOptions, toMilliseconds } from "./_options.ts";
import type { CacheStore } from "./store.ts";

/** Options of {@linkcode Cache} and of the `cache()` plugin. */
export interface CacheOptions {
  /** Put in front of every key, so that apps can share a store; default `"plinth"`. */
  prefix?: string;
  /** Part of every key: change it to invalidate everything at once; default `1`. */
  version?: string | number;
  /** The time to live in seconds when a call gives none; default 300. */
  ttl?: number;
  /** The largest serialised value stored, in bytes; larger ones are refused; default 1 MiB. */
  maxValueBytes?: number;
  /** Where warnings go: a logger, or a function giving the current one; default stderr. */
  logger?: Logger | (() => Logger);
}

/** Options of {@linkcode Cache.set} and {@linkcode Cache.getOrSet}. */
export interface SetOptions {
  /** The time to live in seconds; defaults to the cache's. */
  ttl?: number;
  /** Tags to invalidate the entry by, with {@linkcode Cache.invalidateTags}. */
  tags?: readonly string[];
}

let internals!: { parts(cache: Cache): CacheParts };

/** What the page cache uses of a cache. Internal. */
export interface CacheParts {
  readonly store: GuardedStore;
  readonly names: Namespace;
}

/**
 * The low-level cache API (Django's `cache`), over a {@linkcode CacheStore}. Keys are namespaced
 * by prefix and version; values are serialised (JSON plus Date, Uint8Array, Map, Set, BigInt and
 * undefined inside containers). A store that fails or times out never makes a call throw: reads
 * miss, writes report `false`, and a warning is logged at a limited rate. Apps usually get it as
 * `ctx.cache` from the `cache()` plugin.
 *
 * @example Caching a computed value
 * ```ts
 * import { Cache, MemoryStore } from "@plinth/plinth/cache";
 * import assert from "node:assert/strict";
 *
 * const cache = new Cache(new MemoryStore());
 * let loads = 0;
 * const load = () => (loads++, { title: "Hello", at: new Date(0) });
 * const [a, b] = await Promise.all([
 *   cache.getOrSet("post:1", load, { ttl: 60, tags: ["posts"] }),
 *   cache.getOrSet("post:1", load, { ttl: 60, tags: ["posts"] }),
 * ]);
 * assert.equal(loads, 1);
 * assert.deepEqual(await cache.get("post:1"), { title: "Hello", at: new Date(0) });
 * await cache.invalidateTags(["posts"]);
 * assert.equal(await cache.get("post:1"), undefined);
 * ```
 */
export class Cache {
  /** The store the cache keeps its entries in. */
  readonly store: CacheStore;
  readonly #guarded: GuardedStore;
  readonly #names: Namespace;
  readonly #ttl: number;
  readonly #maxValueBytes: number;
  readonly #flights = new Map<string, Promise<unknown>>();
  readonly #parts: CacheParts;

  static {
    internals = { parts: (cache) => cache.#parts };
  }

  /**
   * Creates a cache over a store.
   *
   * @param store Where entries are kept.
   * @param options Namespace, defaults and limits; see {@linkcode CacheOptions}.
   * @throws {RangeError} For a `ttl` or `maxValueBytes` that is not a positive number.
   */
  constructor(store: CacheStore, options: CacheOptions = {}) {
    const checked = checkCacheOptions(options);
    this.store = store;
    this.#names = new Namespace(checked.prefix, checked.version);
    this.#ttl = checked.ttl;
    this.#maxValueBytes = checked.maxValueBytes;
    const logger = options.logger ?? defaultLogger(["plinth", "cache"]);
    this.#guarded = new GuardedStore(store, typeof logger === "function" ? logger : () => logger);
    this.#parts = { store: this.#guarded, names: this.#names };
  }

  /** The value under `key`, or `undefined` when absent, expired, stale or unreachable. */
  async get<T = unknown>(key: string): Promise<T | undefined> {
    return (await this.#read(this.#names.value(key)))?.value as T | undefined;
  }

  /** Whether a fresh value is stored under `key`. */
  async has(key: string): Promise<boolean> {
    return await this.#read(this.#names.value(key)) !== undefined;
  }

  /**
   * Stores `value` under `key`.
   *
   * @returns `true` when stored; `false` when the value is too large or the store unavailable.
   * @throws {TypeError} For a value that cannot be serialised, or `undefined`.
   * @throws {RangeError} For a `ttl` that is not a positive number.
   */
  async set(key: string, value: unknown, options: SetOptions = {}): Promise<boolean> {
    const full = this.#names.value(key);
    const ttl = this.#ttlOf(options);
    const versions = options.tags?.length
      ? await this.#guarded.ensureTags(this.#names.tags(options.tags), ttl)
      : undefined;
    if (options.tags?.length && versions === undefined) return false;
    return await this.#write(full, value, ttl, options.tags, versions);
  }

  /** Removes `key`; resolves `true` when it was there. */
  async delete(key: string): Promise<boolean> {
    return await this.#guarded.delete(this.#names.value(key));
  }

  /**
   * The value under `key`, or else what `loader` returns, stored. Concurrent calls for one key in
   * this process share one load (single flight) and the same resulting value. Tag versions are
   * read before `loader` runs, so an invalidation during the load leaves the result stale.
   *
   * @throws What `loader` throws, to every caller waiting on it.
   */
  async getOrSet<T>(
    key: string,
    loader: () => T | Promise<T>,
    options: SetOptions = {},
  ): Promise<T> {
    const full = this.#names.value(key);
    const ttl = this.#ttlOf(options);
    let flight = this.#flights.get(full) as Promise<T> | undefined;
    if (flight === undefined) {
      flight = this.#load(full, loader, ttl, options.tags ?? []).finally(() =>
        this.#flights.delete(full)
      );
      this.#flights.set(full, flight);
    }
    return await flight;
  }

  /**
   * Adds `by` to the integer under `key` (absent counts as 0 and gets `options.ttl`; an existing
   * counter keeps its expiry).
   *
   * @returns The new value, or `undefined` when the store is unavailable.
   * @throws {TypeError} When the value under `key` is not an integer.
   * @throws {RangeError} When `by` is not a safe integer.
   */
  async increment(
    key: string,
    by = 1,
    options: { ttl?: number } = {},
  ): Promise<number | undefined> {
    const full = this.#names.value(key);
    if (!Number.isSafeInteger(by)) {
      throw new RangeError(`Cannot increment "${key}": by must be an integer`);
    }
    const ttl = this.#ttlOf(options);
    return await this.#guarded.increment(full, by, ttl);
  }

  /**
   * Makes every entry written under any of `tags` stale, in every process sharing the store.
   *
   * @returns `false` when the store was unavailable: entries may then stay until they expire.
   */
  async invalidateTags(tags: readonly string[]): Promise<boolean> {
    if (tags.length === 0) return true;
    return await this.#guarded.invalidateTags(this.#names.tags(tags));
  }

  /** Removes every entry under this cache's prefix, all versions. */
  async clear(): Promise<boolean> {
    return await this.#guarded.clear(this.#names.prefix);
  }

  /** Closes the store. */
  async close(): Promise<void> {
    await this.store.close();
  }

  async #load<T>(
    full: string,
    loader: () => T | Promise<T>,
    ttl: number,
    tags: readonly string[],
  ): Promise<T> {
    const hit = await this.#read(full);
    if (hit !== undefined) return hit.value as T;
    const versions = tags.length > 0
      ? await this.#guarded.ensureTags(this.#names.tags(tags), ttl)
      : undefined;
    const value = await loader();
    if (value !== undefined && (tags.length === 0 || versions !== undefined)) {
      await this.#write(full, value, ttl, tags.length > 0 ? tags : undefined, versions);
    }
    return value;
  }

  async #read(full: string): Promise<{ value: unknown } | undefined> {
    const bytes = await this.#guarded.get(full);
    if (bytes === undefined) return undefined;
    let decoded;
    try {
      decoded = decodeValue(bytes);
    } catch (error) {
      this.#guarded.health.refused("Cannot read cache entry: treating it as a miss", {
        key: full,
        error,
      });
      return undefined;
    }
    const { tags, versions } = decoded;
    if (tags !== undefined && !await this.#guarded.fresh(this.#names.tags(tags), versions ?? [])) {
      return undefined;
    }
    return decoded;
  }

  async #write(
    full: string,
    value: unknown,
    ttl: number,
    tags?: readonly string[],
    versions?: readonly string[],
  ): Promise<boolean> {
    const bytes = encodeValue(value, tags, versions);
    if (bytes.byteLength > this.#maxValueBytes) {
      this.#guarded.health.refused("Cannot cache a value larger than maxValueBytes", {
        key: full,
        bytes: bytes.byteLength,
        maxValueBytes: this.#maxValueBytes,
      });
      return false;
    }
    return await this.#guarded.set(full, bytes, ttl);
  }

  #ttlOf(options: { ttl?: number }): number {
    return toMilliseconds(options.ttl ?? this.#ttl);
  }
}

/** Internal accessors for the page cache: not part of the public API. */
export { internals as cacheInternals };
