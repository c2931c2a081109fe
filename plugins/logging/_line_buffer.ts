const FLUSH_CHARS = 64 * 1024;
const FLUSH_MS = 250;

/**
 * Collects text lines and hands them to `write` in batches: at 64 K characters, 250 ms after
 * the first line of a batch, at once for urgent lines (errors), on `flush()` and `close()`, and
 * when the process exits normally. Batching keeps one system call per batch instead of one per
 * record off the request path.
 */
export class LineBuffer {
  readonly #write: (lines: string[]) => void;
  readonly #onError: (error: unknown) => void;
  #lines: string[] = [];
  #chars = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param write Writes a batch; it may throw.
   * @param onError Told when a timed or exit-time write fails, as no caller is there to see it.
   */
  constructor(write: (lines: string[]) => void, onError: (error: unknown) => void) {
    this.#write = write;
    this.#onError = onError;
    globalThis.addEventListener("unload", this.#flushQuietly);
  }

  /** Queues `line`; writes the batch now when it is big or `urgent`. */
  push(line: string, urgent: boolean): void {
    this.#lines.push(line);
    this.#chars += line.length;
    if (urgent || this.#chars >= FLUSH_CHARS) {
      this.flush();
    } else if (this.#timer === undefined) {
      const timer = setTimeout(this.#flushQuietly, FLUSH_MS);
      Deno.unrefTimer(timer);
      this.#timer = timer;
    }
  }

  /** Writes what is queued. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#lines.length === 0) return;
    const lines = this.#lines;
    this.#lines = [];
    this.#chars = 0;
    this.#write(lines);
  }

  /** Writes what is queued and stops listening for the process's exit. */
  close(): void {
    globalThis.removeEventListener("unload", this.#flushQuietly);
    this.flush();
  }

  #flushQuietly = (): void => {
    try {
      this.flush();
    } catch (error) {
      this.#onError(error);
    }
  };
}
