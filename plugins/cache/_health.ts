import type { Logger } from "../../core/mod.ts";

const WARN_EVERY_MS = 10_000;

/**
 * Tracks whether the store answers, for graceful degradation: the first failure is logged as a
 * warning, later ones at most once per ten seconds with a count, and the first success after
 * failures as an info record.
 */
export class StoreHealth {
  readonly #log: () => Logger;
  readonly #now: () => number;
  #failures = 0;
  #unreported = 0;
  #warnedAt = -Infinity;
  #refusedAt = -Infinity;

  constructor(log: () => Logger, now: () => number) {
    this.#log = log;
    this.#now = now;
  }

  /** Records a failed store call. */
  failed(operation: string, error: unknown): void {
    this.#failures++;
    this.#unreported++;
    const now = this.#now();
    if (now - this.#warnedAt < WARN_EVERY_MS) return;
    this.#warnedAt = now;
    this.#log().warn("Cache store unavailable: serving uncached", {
      operation,
      failures: this.#unreported,
      error: error instanceof Error ? error.message : String(error),
    });
    this.#unreported = 0;
  }

  /** Records a successful store call. */
  succeeded(): void {
    if (this.#failures === 0) return;
    this.#log().info("Cache store answers again", { failures: this.#failures });
    this.#failures = 0;
    this.#unreported = 0;
    this.#warnedAt = -Infinity;
  }

  /** Logs a value the cache refused to store, at most once per ten seconds. */
  refused(message: string, properties: Record<string, unknown>): void {
    const now = this.#now();
    if (now - this.#refusedAt < WARN_EVERY_MS) return;
    this.#refusedAt = now;
    this.#log().warn(message, properties);
  }
}
