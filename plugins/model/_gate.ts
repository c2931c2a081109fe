import { HttpError } from "../../core/mod.ts";

interface Waiter {
  readonly units: number;
  readonly grant: () => void;
  readonly fail: (error: HttpError) => void;
  readonly deadline: number;
}

/**
 * A counting semaphore for connection capacity: `acquire(units)` waits in arrival order until
 * that much is free and fails with a 503 once `timeoutMs` passes. Deadlines follow arrival
 * order, so one timer, set for the oldest waiter's deadline, serves the whole queue: a request
 * waiting under load costs no timer of its own.
 */
export class Gate {
  readonly #size: number;
  readonly #timeoutMs: number;
  readonly #waiting: Waiter[] = [];
  #used = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(size: number, timeoutMs: number) {
    this.#size = size;
    this.#timeoutMs = timeoutMs;
  }

  /**
   * Takes `units` of capacity (at most the gate's size): `undefined` when they were free, else a
   * promise for the wait.
   *
   * @throws {HttpError} 503 (through the promise) when they do not free up within the timeout.
   */
  acquire(units = 1): Promise<void> | undefined {
    if (this.#waiting.length === 0 && this.#used + units <= this.#size) {
      this.#used += units;
      return undefined;
    }
    const { promise, resolve, reject } = Promise.withResolvers<void>();
    const deadline = performance.now() + this.#timeoutMs;
    this.#waiting.push({ units, grant: resolve, fail: reject, deadline });
    if (this.#timer === undefined) this.#arm();
    return promise;
  }

  /** Gives back `units`, handing them to the oldest waiters that fit. */
  release(units = 1): void {
    this.#used -= units;
    this.#grant();
    if (this.#waiting.length === 0 && this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  /** Hands free capacity to the oldest waiters, in order, while the next one fits. */
  #grant(): void {
    while (this.#waiting.length > 0 && this.#used + this.#waiting[0].units <= this.#size) {
      const next = this.#waiting.shift()!;
      this.#used += next.units;
      next.grant();
    }
  }

  /** Sets the timer for the oldest waiter's deadline. */
  #arm(): void {
    const delay = Math.max(0, this.#waiting[0].deadline - performance.now());
    this.#timer = setTimeout(() => this.#expire(), delay);
  }

  /** Fails every waiter whose deadline passed, then waits for the next one's. */
  #expire(): void {
    this.#timer = undefined;
    const now = performance.now();
    while (this.#waiting.length > 0 && this.#waiting[0].deadline <= now) {
      this.#waiting.shift()!.fail(
        new HttpError(503, "Database is busy: no connection became free in time", {
          headers: { "retry-after": "1" },
        }),
      );
    }
    this.#grant();
    if (this.#waiting.length > 0) this.#arm();
  }
}
