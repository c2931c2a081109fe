import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Runs a function in the async context of this module's loading, outside every request: a
 * shared statement belongs to no request (to no request's transaction, nor query count).
 */
const outside = AsyncLocalStorage.snapshot();

/**
 * Coalesces concurrent lookups by key into shared statements: while one statement runs, the
 * keys asked for meanwhile wait and go together in the next one. Nothing is remembered between
 * statements, and a lookup is always answered by a statement started after it was asked for, so
 * a write committed before the lookup began (a logout, a deactivated user) is always seen. Under
 * load this turns one round trip per request into one per batch; a lone lookup waits for
 * nothing but the end of the current microtask.
 */
export class Coalescer<K, V> {
  readonly #load: (keys: K[]) => Promise<Map<K, V>>;
  readonly #maxBatch: number;
  #waiting = new Map<K, Waiter<V>[]>();
  #running = false;

  /**
   * @param load Reads the given distinct keys in one statement; absent keys are left out.
   * @param maxBatch The most keys per statement; more wait for the next.
   */
  constructor(load: (keys: K[]) => Promise<Map<K, V>>, maxBatch = 100) {
    this.#load = load;
    this.#maxBatch = maxBatch;
  }

  /** The value under `key`, read by the next statement; `undefined` when absent. */
  get(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const waiters = this.#waiting.get(key);
      if (waiters !== undefined) waiters.push({ resolve, reject });
      else this.#waiting.set(key, [{ resolve, reject }]);
      if (!this.#running && this.#waiting.size === 1) queueMicrotask(() => this.#next());
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
    this.#running = true;
    outside(() => this.#load([...batch.keys()])).then(
      (found) => {
        for (const [key, waiters] of batch) {
          const value = found.get(key);
          for (const waiter of waiters) waiter.resolve(value);
        }
      },
      (error) => {
        for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
      },
    ).finally(() => {
      this.#running = false;
      this.#next();
    });
  }
}

interface Waiter<V> {
  resolve(value: V | undefined): void;
  reject(error: unknown): void;
}
