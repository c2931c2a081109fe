interface Entry {
  at: number;
  fire: () => void;
}

const TICK_MS = 25;

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

  /** Cancels a pending deadline. */
  cancel(entry: Entry): void {
    this.#entries.delete(entry);
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
