import type { CacheStore } from "./store.ts";

/** Options of {@linkcode MemoryStore}. */
export interface MemoryStoreOptions {
  /** The most entries kept (tags included); default 10 000. */
  maxEntries?: number;
  /** The most bytes kept, keys and bookkeeping included (approximately); default 32 MiB. */
  maxBytes?: number;
  /** The clock expiry is measured against, in milliseconds; default `Date.now`. */
  now?: () => number;
}

interface Entry {
  value: Uint8Array;
  expiresAt: number;
  size: number;
}

const OVERHEAD = 64;
const INTEGER = /^-?\d{1,16}$/;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A store in this process's memory: least-recently-used entries are evicted once the entry count
 * or the byte total passes its bound, and expired entries are never returned. Each process has
 * its own, so it suits development and tests; production apps with more than one process use
 * {@linkcode RedisStore}. The store keeps the arrays it is given and returns them as they are:
 * neither side may modify them.
 *
 * @example Bounded by bytes
 * ```ts
 * import { MemoryStore } from "@plinth/plinth/cache";
 * import assert from "node:assert/strict";
 *
 * const store = new MemoryStore({ maxBytes: 1000 });
 * await store.set("a", new Uint8Array(450), 60_000);
 * await store.set("b", new Uint8Array(450), 60_000);
 * assert.equal(await store.get("a"), undefined); // evicted: the oldest entry
 * assert.ok(store.bytes <= 1000);
 * ```
 */
export class MemoryStore implements CacheStore {
  /** The clock expiry is measured against. */
  readonly now: () => number;
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;
  #serial = 0;
  /** The most recently used key, which needs no move on its next use. */
  #newest: string | undefined;

  /**
   * Creates an empty store.
   *
   * @param options Bounds and clock; see {@linkcode MemoryStoreOptions}.
   * @throws {RangeError} For a bound that is not a positive integer.
   */
  constructor(options: MemoryStoreOptions = {}) {
    this.#maxEntries = positive("maxEntries", options.maxEntries ?? 10_000);
    this.#maxBytes = positive("maxBytes", options.maxBytes ?? 32 * 1024 * 1024);
    this.now = options.now ?? Date.now;
  }

  /** How many entries are kept, tags included. */
  get size(): number {
    return this.#entries.size;
  }

  /** The approximate bytes kept, keys and bookkeeping included. */
  get bytes(): number {
    return this.#bytes;
  }

  /** The bytes under `key`, or `undefined`; marks the entry as recently used. */
  get(key: string): Promise<Uint8Array | undefined> {
    return Promise.resolve(this.#live(key)?.value);
  }

  /** Like {@linkcode MemoryStore.get}, synchronously. */
  peek(key: string): Uint8Array | undefined {
    return this.#live(key)?.value;
  }

  /** Stores `value` for `ttl` ms; one too large for the byte bound is dropped instead. */
  set(key: string, value: Uint8Array, ttl: number): Promise<void> {
    this.#put(key, value, this.now() + ttl);
    return Promise.resolve();
  }

  /** Removes `key`. */
  delete(key: string): Promise<boolean> {
    const entry = this.#entries.get(key);
    if (entry !== undefined) this.#remove(key, entry);
    return Promise.resolve(entry !== undefined && entry.expiresAt > this.now());
  }

  /** Adds `by` to the integer under `key`. @throws {TypeError} For a value that is no integer. */
  increment(key: string, by: number, ttl: number): Promise<number> {
    const entry = this.#live(key);
    let sum = by;
    if (entry !== undefined) {
      const text = decoder.decode(entry.value);
      if (!INTEGER.test(text)) {
        return Promise.reject(new TypeError(`Cannot increment "${key}": it holds no integer`));
      }
      sum += Number(text);
    }
    if (!Number.isSafeInteger(sum)) {
      return Promise.reject(
        new TypeError(`Cannot increment "${key}": the sum is not a safe integer`),
      );
    }
    this.#put(key, encoder.encode(String(sum)), entry?.expiresAt ?? this.now() + ttl);
    return Promise.resolve(sum);
  }

  /** The versions of tag keys. */
  getTags(keys: readonly string[]): Promise<(string | undefined)[]> {
    return Promise.resolve(keys.map((key) => this.#version(key)));
  }

  /** The versions of tag keys, creating absent ones and extending their lives to `ttl` ms. */
  ensureTags(keys: readonly string[], ttl: number): Promise<string[]> {
    const until = this.now() + ttl;
    return Promise.resolve(keys.map((key) => {
      const entry = this.#live(key);
      if (entry !== undefined) {
        entry.expiresAt = Math.max(entry.expiresAt, until);
        return decoder.decode(entry.value);
      }
      const version = this.#freshVersion();
      this.#put(key, encoder.encode(version), until);
      return version;
    }));
  }

  /** Gives existing tag keys fresh versions. */
  invalidateTags(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      const entry = this.#live(key);
      if (entry !== undefined) {
        this.#put(key, encoder.encode(this.#freshVersion()), entry.expiresAt);
      }
    }
    return Promise.resolve();
  }

  /** Removes every key starting with `prefix`. */
  clear(prefix: string): Promise<void> {
    for (const [key, entry] of this.#entries) {
      if (key.startsWith(prefix)) this.#remove(key, entry);
    }
    return Promise.resolve();
  }

  /** Drops every entry. */
  close(): Promise<void> {
    this.#entries.clear();
    this.#bytes = 0;
    this.#newest = undefined;
    return Promise.resolve();
  }

  #version(key: string): string | undefined {
    const entry = this.#live(key);
    return entry === undefined ? undefined : decoder.decode(entry.value);
  }

  #freshVersion(): string {
    return (++this.#serial).toString(36);
  }

  /** The unexpired entry under `key`, moved to the most recently used end. */
  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.#remove(key, entry);
      return undefined;
    }
    if (key !== this.#newest) {
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      this.#newest = key;
    }
    return entry;
  }

  #put(key: string, value: Uint8Array, expiresAt: number): void {
    const old = this.#entries.get(key);
    if (old !== undefined) this.#remove(key, old);
    const size = key.length * 2 + value.byteLength + OVERHEAD;
    if (size > this.#maxBytes) return;
    this.#entries.set(key, { value, expiresAt, size });
    this.#newest = key;
    this.#bytes += size;
    for (const [oldest, entry] of this.#entries) {
      if (this.#entries.size <= this.#maxEntries && this.#bytes <= this.#maxBytes) break;
      this.#remove(oldest, entry);
    }
  }

  #remove(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#bytes -= entry.size;
    if (key === this.#newest) this.#newest = undefined;
  }
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`Cannot create MemoryStore: ${name} must be a positive integer`);
  }
  return value;
}
