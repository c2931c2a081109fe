import { HttpError } from "../../core/mod.ts";

/**
 * Bounds concurrent work: at most `limit` holders, at most `maxWaiting` queued; beyond that,
 * `acquire` refuses with 503 and `Retry-After`, so a flood fails fast instead of queueing
 * without end.
 */
export class Semaphore {
  readonly #limit: number;
  readonly #maxWaiting: number;
  readonly #waiting: Array<() => void> = [];
  #active = 0;

  constructor(limit: number, maxWaiting: number) {
    this.#limit = limit;
    this.#maxWaiting = maxWaiting;
  }

  /** Holders now. */
  get active(): number {
    return this.#active;
  }

  /** Runs `fn` once a slot is free. @throws {HttpError} 503 when the queue is full. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#active >= this.#limit) {
      if (this.#waiting.length >= this.#maxWaiting) {
        throw new HttpError(503, "Too many logins at once; try again shortly", {
          expose: true,
          headers: { "retry-after": "1" },
        });
      }
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#active++;
    }
    try {
      return await fn();
    } finally {
      const next = this.#waiting.shift();
      if (next !== undefined) {
        // Hand the slot over on a later task, so that other requests get a turn in between.
        setTimeout(next, 0);
      } else {
        this.#active--;
      }
    }
  }
}
