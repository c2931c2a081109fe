import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Runs a function in the async context of this module's loading, outside every request: a
 * shared statement belongs to no request (to no request's transaction, nor query count).
 */
const outside = AsyncLocalStorage.snapshot();

/** Options of {@linkcode Coalescer}. */
export interface CoalescerOptions {
  /** The most keys per load; more wait for the next. Default 100. */
  maxBatch?: number;
  /**
   * Milliseconds after which a lookup gives up, counted from the oldest lookup of its batch and
   * including its wait for the running load; a load that overruns no longer holds up the next.
   * Default: no limit.
   */
  timeout?: number;
}

/**
 * Coalesces concurrent lookups by key into shared loads (one SQL statement, one Redis `MGET`):
 * while one load runs, the keys asked for meanwhile wait and go together in the next one.
 * Nothing is remembered between loads, and a lookup is always answered by a load started after
 * it was asked for, so a write completed before the lookup began (a logout, a deactivated user)
 * is always seen. Under load this turns one round trip per request into one per batch; a lone
 * lookup waits for nothing but the end of the current microtask. Loads run outside the async
 * context of the requests asking.
 *
 * @example Two lookups, one load
 * ```ts
 * import { Coalescer } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * const loads: string[][] = [];
 * const users = new Coalescer((ids: string[]) => {
 *   loads.push(ids);
 *   return Promise.resolve(new Map(ids.map((id) => [id, `user ${id}`])));
 * });
 * assert.deepEqual(await Promise.all([users.get("1"), users.get("2")]), ["user 1", "user 2"]);
 * assert.deepEqual(loads, [["1", "2"]]);
 * ```
 */
export class Coalescer<K, V> {
  readonly #load: (keys: K[]) => Promise<Map<K, V>>;
  readonly #maxBatch: number;
  readonly #timeout: number | undefined;
  #waiting = new Map<K, Waiter<V>[]>();
  /** When the oldest waiting lookup was asked for, by `Date.now()`. */
  #since = 0;
  #running = false;

  /**
   * Creates a coalescer over `load`; nothing runs until the first lookup.
   *
   * @param load Reads the given distinct keys in one go; absent keys are left out of its map.
   * @param options The batch size and the timeout.
   */
  constructor(load: (keys: K[]) => Promise<Map<K, V>>, options: CoalescerOptions = {}) {
    this.#load = load;
    this.#maxBatch = options.maxBatch ?? 100;
    this.#timeout = options.timeout;
  }

  /** The value under `key`, read by the next load; `undefined` when absent. */
  get(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const waiters = this.#waiting.get(key);
      if (waiters !== undefined) waiters.push({ resolve, reject });
      else this.#waiting.set(key, [{ resolve, reject }]);
      if (this.#waiting.size === 1) {
        this.#since = Date.now();
        if (!this.#running) queueMicrotask(() => this.#next());
      }
    });
  }

  #next(): void {
    if (this.#running || this.#waiting.size === 0) return;
    let batch = this.#waiting;
    if (batch.size > this.#maxBatch) {
      const keys = [...batch.keys()].slice(0, this.#maxBatch);
      batch = new Map(keys.map((key) => [key, this.#waiting.get(key)!]));
      for (const key of keys) this.#waiting.delete(key);
    } else {
      this.#waiting = new Map();
    }
    const left = this.#timeout === undefined ? undefined : this.#since + this.#timeout - Date.now();
    if (left !== undefined && left <= 0) {
      fail(batch, timedOut(this.#timeout!));
      return this.#next();
    }
    this.#running = true;
    let settled = false;
    const settle = () => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      this.#running = false;
      return true;
    };
    const timer = left === undefined ? undefined : setTimeout(() => {
      if (!settle()) return;
      fail(batch, timedOut(this.#timeout!));
      this.#next();
    }, left);
    outside(() => this.#load([...batch.keys()])).then((found) => {
      if (!settle()) return;
      for (const [key, waiters] of batch) {
        const value = found.get(key);
        for (const waiter of waiters) waiter.resolve(value);
      }
      this.#next();
    }, (error) => {
      if (!settle()) return;
      fail(batch, error);
      this.#next();
    });
  }
}

interface Waiter<V> {
  resolve(value: V | undefined): void;
  reject(error: unknown): void;
}

function fail<K, V>(batch: Map<K, Waiter<V>[]>, error: unknown): void {
  for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
}

function timedOut(ms: number): Error {
  return new Error(`The lookup did not answer within ${ms} ms`);
}
