import { HttpError } from "../../core/mod.ts";

/**
 * A counting semaphore for connection slots: `acquire()` waits in order for a free slot and
 * fails with a 503 once `timeoutMs` passes.
 */
export class Gate {
  readonly #size: number;
  readonly #timeoutMs: number;
  readonly #waiting: Array<() => void> = [];
  #used = 0;

  constructor(size: number, timeoutMs: number) {
    this.#size = size;
    this.#timeoutMs = timeoutMs;
  }

  /**
   * Takes a slot: `undefined` when one was free, else a promise for the wait.
   *
   * @throws {HttpError} 503 (through the promise) when none frees up within the timeout.
   */
  acquire(): Promise<void> | undefined {
    if (this.#used < this.#size) {
      this.#used++;
      return undefined;
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#waiting.splice(this.#waiting.indexOf(grant), 1);
        reject(
          new HttpError(503, "Database is busy: no connection became free in time", {
            headers: { "retry-after": "1" },
          }),
        );
      }, this.#timeoutMs);
      this.#waiting.push(grant);
    });
  }

  /** Frees a slot, handing it straight to the oldest waiter if any. */
  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#used--;
  }
}
