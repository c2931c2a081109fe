import { StoreHealth } from "./_health.ts";
import type { Logger } from "../../core/mod.ts";
import type { CacheStore } from "./store.ts";

/**
 * A store whose failures become fallbacks: a rejection other than a `TypeError` (misuse, passed
 * on) means the store is unavailable, which is logged at a limited rate and answered as a miss,
 * `false` or `undefined`, so that the request is served uncached.
 */
export class GuardedStore {
  readonly store: CacheStore;
  /** Whether {@linkcode GuardedStore.peek} can be used. */
  readonly peeks: boolean;
  /** The store's clock. */
  readonly now: () => number;
  readonly health: StoreHealth;

  constructor(store: CacheStore, log: () => Logger) {
    this.store = store;
    this.peeks = store.peek !== undefined;
    this.now = store.now ?? Date.now;
    this.health = new StoreHealth(log, this.now);
  }

  get(key: string): Promise<Uint8Array | undefined> {
    return this.#attempt("get", () => this.store.get(key), undefined);
  }

  /** A synchronous read, for stores that have `peek`. */
  peek(key: string): Uint8Array | undefined {
    try {
      return this.store.peek!(key);
    } catch (error) {
      if (error instanceof TypeError) throw error;
      this.health.failed("peek", error);
      return undefined;
    }
  }

  set(key: string, value: Uint8Array, ttl: number): Promise<boolean> {
    return this.#attempt("set", () => this.store.set(key, value, ttl).then(() => true), false);
  }

  delete(key: string): Promise<boolean> {
    return this.#attempt("delete", () => this.store.delete(key), false);
  }

  increment(key: string, by: number, ttl: number): Promise<number | undefined> {
    return this.#attempt("increment", () => this.store.increment(key, by, ttl), undefined);
  }

  ensureTags(keys: readonly string[], ttl: number): Promise<string[] | undefined> {
    return this.#attempt("ensureTags", () => this.store.ensureTags(keys, ttl), undefined);
  }

  /** Whether every tag still has the version an entry was written under. */
  async fresh(keys: readonly string[], versions: readonly string[]): Promise<boolean> {
    const current = await this.#attempt("getTags", () => this.store.getTags(keys), undefined);
    return current !== undefined && current.every((version, i) => version === versions[i]);
  }

  invalidateTags(keys: readonly string[]): Promise<boolean> {
    const call = () => this.store.invalidateTags(keys).then(() => true);
    return this.#attempt("invalidateTags", call, false);
  }

  clear(prefix: string): Promise<boolean> {
    return this.#attempt("clear", () => this.store.clear(prefix).then(() => true), false);
  }

  async #attempt<T, F>(operation: string, call: () => Promise<T>, fallback: F): Promise<T | F> {
    try {
      const result = await call();
      this.health.succeeded();
      return result;
    } catch (error) {
      if (error instanceof TypeError) throw error;
      this.health.failed(operation, error);
      return fallback;
    }
  }
}
