interface Entry {
  at: number;
  fire: () => void;
}

const TICK_MS = 25;
const NOOP = () => {};

/**
 * Request deadlines on one shared timer instead of a timer per request. The timer runs only
 * while deadlines are pending; it fires each one within a tick of its time.
 */
export class Deadlines {
  readonly #entries = new Set<Entry>();
  #timer: ReturnType<typeof setInterval> | undefined;

  /** Calls `fire` once `ms` milliseconds have passed, unless cancelled first. */
  add(ms: number, fire: () => void): Entry {
    const entry = { at: performance.now() + ms, fire };
    this.#entries.add(entry);
    if (this.#timer === undefined) {
      const timer = setInterval(() => this.#tick(), TICK_MS);
      Deno.unrefTimer(Number(timer));
      this.#timer = timer;
    }
    return entry;
  }

  /**
   * Cancels a pending deadline. The entry also lets go of its callback, which holds the whole
   * request: a removed entry can stay reachable from the Set's old storage until a full GC, and
   * under load every request that awaited something was otherwise promoted to the old generation.
   */
  cancel(entry: Entry): void {
    this.#entries.delete(entry);
    entry.fire = NOOP;
  }

  /** Stops the timer, dropping every pending deadline. */
  clear(): void {
    this.#entries.clear();
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #tick(): void {
    if (this.#entries.size === 0) return this.clear();
    const now = performance.now();
    for (const entry of this.#entries) {
      if (entry.at > now) continue;
      this.#entries.delete(entry);
      entry.fire();
    }
  }
}
