/**
 * Gathers concurrent reads into one multi-key command (Redis's `MGET`): while one command runs,
 * the keys asked for meanwhile wait and go together in the next. A read is always answered by a
 * command sent after it was asked for, so it sees every write sent before it. A read gives up
 * `timeout` milliseconds after it was asked for, its wait for the running command included.
 * Under load this turns a command (and its reply, promise and timer) per read into one per batch.
 */
export class ReadBatch {
  readonly #read: (keys: string[]) => Promise<(Uint8Array | null)[]>;
  readonly #timeout: number;
  #waiting = new Map<string, Waiter[]>();
  /** When the oldest waiting read was asked for, by `Date.now()`. */
  #since = 0;
  #running = false;

  /**
   * @param read Reads the given distinct keys in one command, answering `null` for absent ones.
   * @param timeout Milliseconds after which a read gives up.
   */
  constructor(read: (keys: string[]) => Promise<(Uint8Array | null)[]>, timeout: number) {
    this.#read = read;
    this.#timeout = timeout;
  }

  /** The bytes under `key`, from the next command; `undefined` when absent. */
  get(key: string): Promise<Uint8Array | undefined> {
    return new Promise((resolve, reject) => {
      if (this.#waiting.size === 0) {
        this.#since = Date.now();
        if (!this.#running) queueMicrotask(() => this.#next());
      }
      const waiters = this.#waiting.get(key);
      if (waiters === undefined) this.#waiting.set(key, [{ resolve, reject }]);
      else waiters.push({ resolve, reject });
    });
  }

  #next(): void {
    if (this.#running || this.#waiting.size === 0) return;
    const batch = this.#waiting;
    const left = this.#since + this.#timeout - Date.now();
    this.#waiting = new Map();
    if (left <= 0) return this.#fail(batch, timedOut(this.#timeout));
    this.#running = true;
    let settled = false;
    const settle = () => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      this.#running = false;
      return true;
    };
    const timer = setTimeout(() => {
      if (!settle()) return;
      this.#fail(batch, timedOut(this.#timeout));
      this.#next();
    }, left);
    this.#read([...batch.keys()]).then((values) => {
      if (!settle()) return;
      let i = 0;
      for (const waiters of batch.values()) {
        const value = values[i++] ?? undefined;
        for (const waiter of waiters) waiter.resolve(value);
      }
      this.#next();
    }, (error) => {
      if (!settle()) return;
      this.#fail(batch, error);
      this.#next();
    });
  }

  #fail(batch: Map<string, Waiter[]>, error: unknown): void {
    for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
  }
}

interface Waiter {
  resolve(value: Uint8Array | undefined): void;
  reject(error: unknown): void;
}

function timedOut(ms: number): Error {
  return new Error(`Redis did not answer within ${ms} ms`);
}
