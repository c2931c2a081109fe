import { Worker } from "node:worker_threads";
import { type Argon2Job, deriveArgon2 } from "./_argon2.ts";

interface Pending {
  readonly job: Argon2Job;
  resolve(hash: Uint8Array): void;
  reject(error: unknown): void;
}

interface Slot {
  readonly worker: Worker;
  pending: Pending | undefined;
  answered: boolean;
}

const WORKER = new URL("./_argon2_worker.ts", import.meta.url);

/**
 * A few worker threads deriving argon2id hashes, so that a login does not stop the event loop
 * for the hundreds of milliseconds a hash takes. Workers start on first use, take one job at a
 * time (the others queue), and are unreferenced while idle, so they never keep the process
 * alive and need no closing. Where workers cannot run (a worker fails before its first answer),
 * hashing falls back to the calling thread.
 */
export class Argon2Pool {
  readonly #size: number;
  readonly #url: URL;
  readonly #slots: Slot[] = [];
  readonly #queue: Pending[] = [];
  #fallback = false;

  /**
   * @param size The most worker threads.
   * @param url The worker module; tests give a broken one.
   */
  constructor(size: number, url: URL = WORKER) {
    this.#size = size;
    this.#url = url;
  }

  /** Worker threads running now. */
  get threads(): number {
    return this.#slots.length;
  }

  /** Derives `job` on a worker thread, or on this one where workers cannot run. */
  derive(job: Argon2Job): Promise<Uint8Array> {
    if (this.#fallback) return deriveArgon2(job);
    return new Promise((resolve, reject) => {
      this.#queue.push({ job, resolve, reject });
      this.#dispatch();
    });
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const slot = this.#slots.find((s) => s.pending === undefined) ?? this.#spawn();
      if (slot === undefined) break;
      const pending = this.#queue.shift()!;
      slot.pending = pending;
      slot.worker.ref();
      slot.worker.postMessage(pending.job);
    }
    if (!this.#fallback) return;
    for (const pending of this.#queue.splice(0)) here(pending);
  }

  #spawn(): Slot | undefined {
    if (this.#fallback || this.#slots.length >= this.#size) return undefined;
    let worker: Worker;
    try {
      // Worker threads take only file: and data: URLs; a data: module importing the worker
      // also serves a plugin loaded over https (from a registry).
      const source = `import ${JSON.stringify(this.#url.href)};`;
      worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`));
    } catch {
      this.#fallback = true;
      return undefined;
    }
    const slot: Slot = { worker, pending: undefined, answered: false };
    worker.on("message", (answer: { hash?: Uint8Array; error?: string }) => {
      const pending = slot.pending!;
      slot.pending = undefined;
      slot.answered = true;
      worker.unref();
      if (answer.hash !== undefined) pending.resolve(answer.hash);
      else pending.reject(new Error(`Cannot hash the password: ${answer.error}`));
      this.#dispatch();
    });
    const lost = () => this.#lost(slot);
    worker.on("error", lost).on("exit", lost);
    this.#slots.push(slot);
    return slot;
  }

  /** A worker failed or exited: its job runs here, and so do all later ones if it never answered. */
  #lost(slot: Slot): void {
    const index = this.#slots.indexOf(slot);
    if (index === -1) return;
    this.#slots.splice(index, 1);
    slot.worker.removeAllListeners();
    slot.worker.terminate();
    if (!slot.answered) this.#fallback = true;
    if (slot.pending !== undefined) here(slot.pending);
    this.#dispatch();
  }
}

function here(pending: Pending): void {
  deriveArgon2(pending.job).then(pending.resolve, pending.reject);
}
