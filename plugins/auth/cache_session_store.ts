import { HttpError } from "../../core/mod.ts";
import type { SessionRecord, SessionStore } from "./session_store.ts";

/**
 * What {@linkcode cacheSessionStore} needs of a cache: the cache plugin's `Cache` has it.
 * Declared here so that auth does not import the cache plugin.
 */
export interface ValueCache {
  /** The value under `key`, or `undefined`. */
  get(key: string): Promise<unknown>;
  /** Stores `value` under `key` for `ttl` seconds; resolves whether it was stored. */
  set(key: string, value: unknown, options?: { ttl?: number }): Promise<boolean>;
  /** Removes `key`. */
  delete(key: string): Promise<unknown>;
}

/**
 * A {@linkcode SessionStore} over a cache (the cache plugin's `app.cache`, Redis in
 * production): each session is one entry expiring with the session. Expired sessions vanish by
 * themselves, so `deleteExpired` has nothing to do; the cache cannot list a user's sessions, so
 * a password change ends them through the session's password fingerprint instead. A failed
 * write throws (503), so that a login never looks successful without a stored session.
 *
 * Each request with a session cookie reads one entry; the session's user is then read from the
 * database (concurrent requests share one statement), so that a deactivated user or a changed
 * password takes effect at once in every process.
 *
 * @param cache A cache with `get`, `set` and `delete`.
 * @param options `now`, the clock in milliseconds that sessions expire by; `Date.now` by default.
 * @returns The store.
 *
 * @example Over the cache plugin's memory store
 * ```ts
 * import { Cache, MemoryStore } from "@plinth/plinth/cache";
 * import { cacheSessionStore } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * const store = cacheSessionStore(new Cache(new MemoryStore()));
 * const record = { data: { a: 1 }, userId: null, createdAt: Date.now(), expiresAt: Date.now() + 60_000 };
 * await store.save("key", record);
 * assert.deepEqual(await store.load("key"), record);
 * ```
 */
export function cacheSessionStore(
  cache: ValueCache,
  options: { now?: () => number } = {},
): SessionStore {
  const now = options.now ?? Date.now;
  return {
    async load(key) {
      const value = await cache.get(`auth:s:${key}`);
      return isRecord(value) && value.expiresAt > now() ? value : undefined;
    },
    async save(key, record) {
      const ttl = Math.max(1, Math.ceil((record.expiresAt - now()) / 1000));
      if (!await cache.set(`auth:s:${key}`, record, { ttl })) {
        throw new HttpError(503, "Cannot save the session: the cache store is unavailable", {
          headers: { "retry-after": "1" },
        });
      }
    },
    async delete(key) {
      await cache.delete(`auth:s:${key}`);
    },
    deleteExpired() {
      return Promise.resolve(0);
    },
  };
}

function isRecord(value: unknown): value is SessionRecord {
  const r = value as SessionRecord | undefined;
  return typeof r === "object" && r !== null && typeof r.data === "object" &&
    typeof r.expiresAt === "number" && typeof r.createdAt === "number";
}
