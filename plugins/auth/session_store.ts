/** What a session store keeps per session. */
export interface SessionRecord {
  /** The session's values (JSON-serialisable). */
  readonly data: Record<string, unknown>;
  /** The logged-in user's id, or `null`. */
  readonly userId: string | null;
  /** When the session was created, in ms since the epoch (for the absolute timeout). */
  readonly createdAt: number;
  /** When it expires unless used again, in ms since the epoch. */
  readonly expiresAt: number;
}

/**
 * Where sessions live, keyed by the SHA-256 of the session id (the id itself is only in the
 * cookie, so a leaked table or cache dump does not reveal live sessions). The auth plugin uses
 * PostgreSQL through the model plugin by default, or the cache when `sessions: "cache"` is set;
 * {@linkcode MemorySessionStore} is for tests.
 *
 * @example A store in a Map
 * ```ts
 * import { MemorySessionStore, type SessionStore } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * const store: SessionStore = new MemorySessionStore();
 * const record = { data: { theme: "dark" }, userId: null, createdAt: Date.now(), expiresAt: Date.now() + 60_000 };
 * await store.save("k1", record);
 * assert.deepEqual(await store.load("k1"), record);
 * await store.delete("k1");
 * assert.equal(await store.load("k1"), undefined);
 * ```
 */
export interface SessionStore {
  /** The record under `key`, or `undefined` when absent or expired. */
  load(key: string): Promise<SessionRecord | undefined>;
  /** Stores `record` under `key` until its `expiresAt`. */
  save(key: string, record: SessionRecord): Promise<void>;
  /** Removes `key`. */
  delete(key: string): Promise<void>;
  /** Removes every session of `userId` but `exceptKey`, when the store can list them. */
  deleteForUser?(userId: string, exceptKey?: string): Promise<void>;
  /** Removes expired sessions (for `clearsessions`); resolves how many. */
  deleteExpired(): Promise<number>;
}

/**
 * A {@linkcode SessionStore} in process memory: for tests and development only (sessions are
 * lost on restart and not shared between processes).
 *
 * @example Expiry
 * ```ts
 * import { MemorySessionStore } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * let now = 0;
 * const store = new MemorySessionStore({ now: () => now });
 * await store.save("k", { data: {}, userId: "7", createdAt: 0, expiresAt: 10 });
 * now = 11;
 * assert.equal(await store.load("k"), undefined);
 * assert.equal(await store.deleteExpired(), 1);
 * ```
 */
export class MemorySessionStore implements SessionStore {
  readonly #records = new Map<string, string>();
  readonly #now: () => number;

  /**
   * Creates an empty store.
   *
   * @param options `now`, a clock in milliseconds for tests; `Date.now` by default.
   */
  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** How many sessions are stored, expired ones included. */
  get size(): number {
    return this.#records.size;
  }

  /** The record under `key`. */
  load(key: string): Promise<SessionRecord | undefined> {
    const text = this.#records.get(key);
    const record = text === undefined ? undefined : JSON.parse(text) as SessionRecord;
    return Promise.resolve(record && record.expiresAt > this.#now() ? record : undefined);
  }

  /** Stores a copy of `record`. */
  save(key: string, record: SessionRecord): Promise<void> {
    this.#records.set(key, JSON.stringify(record));
    return Promise.resolve();
  }

  /** Removes `key`. */
  delete(key: string): Promise<void> {
    this.#records.delete(key);
    return Promise.resolve();
  }

  /** Removes the sessions of `userId` but `exceptKey`. */
  deleteForUser(userId: string, exceptKey?: string): Promise<void> {
    for (const [key, text] of this.#records) {
      if (key !== exceptKey && (JSON.parse(text) as SessionRecord).userId === userId) {
        this.#records.delete(key);
      }
    }
    return Promise.resolve();
  }

  /** Removes expired sessions. */
  deleteExpired(): Promise<number> {
    let removed = 0;
    for (const [key, text] of this.#records) {
      if ((JSON.parse(text) as SessionRecord).expiresAt <= this.#now()) {
        this.#records.delete(key);
        removed++;
      }
    }
    return Promise.resolve(removed);
  }
}
