import type { SessionRecord } from "./session_store.ts";

let internals!: {
  load(session: Session, key: string, record: SessionRecord): void;
  state(session: Session): SessionState;
  setUser(session: Session, userId: string | null): void;
  saved(session: Session, key: string, createdAt: number, expiresAt: number): void;
};

/** What the session middleware needs to know to commit a session. Internal. */
export interface SessionState {
  readonly key: string | undefined;
  readonly userId: string | null;
  readonly data: Record<string, unknown>;
  readonly createdAt: number | undefined;
  readonly expiresAt: number | undefined;
  readonly modified: boolean;
  readonly ended: boolean;
  readonly previousKey: string | undefined;
}

/**
 * The current visitor's server-side session, as `ctx.state.session`. Values must be
 * JSON-serialisable. A visitor gets a stored session (and a cookie) only once something is
 * stored in it; reading never creates one. Keys starting with `_auth` and `_csrf` belong to the
 * auth plugin.
 *
 * @example Counting visits
 * ```ts
 * import { App } from "@plinth/plinth";
 * import { model } from "@plinth/plinth/model";
 * import { auth, MemorySessionStore } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * const app = new App({ env: "test" })
 *   .register(model())
 *   .register(auth({ sessions: new MemorySessionStore() }));
 * app.get("/", (ctx) => {
 *   const session = ctx.state.session!;
 *   const visits = Number(session.get("visits") ?? 0) + 1;
 *   session.set("visits", visits);
 *   return ctx.text(String(visits));
 * });
 * const first = await app.request("/");
 * const cookie = first.headers.get("set-cookie")!.split(";")[0];
 * const second = await app.request("/", { headers: { cookie } });
 * assert.equal(await second.text(), "2");
 * await app.close();
 * ```
 */
export class Session {
  #key: string | undefined;
  #data: Record<string, unknown> = Object.create(null);
  #userId: string | null = null;
  #createdAt: number | undefined;
  #expiresAt: number | undefined;
  #modified = false;
  #ended = false;
  #previousKey: string | undefined;

  static {
    internals = {
      load(session, key, record) {
        session.#key = key;
        session.#data = Object.assign(Object.create(null), record.data);
        session.#userId = record.userId;
        session.#createdAt = record.createdAt;
        session.#expiresAt = record.expiresAt;
      },
      state: (s) => ({
        key: s.#key,
        userId: s.#userId,
        data: s.#data,
        createdAt: s.#createdAt,
        expiresAt: s.#expiresAt,
        modified: s.#modified,
        ended: s.#ended,
        previousKey: s.#previousKey,
      }),
      setUser(session, userId) {
        session.#userId = userId;
        session.#modified = true;
      },
      saved(session, key, createdAt, expiresAt) {
        session.#key = key;
        session.#createdAt = createdAt;
        session.#expiresAt = expiresAt;
        session.#modified = false;
        session.#ended = false;
        session.#previousKey = undefined;
      },
    };
  }

  /** Whether the session is stored (the visitor sent a valid session cookie, or one was saved). */
  get stored(): boolean {
    return this.#key !== undefined;
  }

  /** The value under `key`, or `undefined`. */
  get(key: string): unknown {
    return Object.hasOwn(this.#data, key) ? this.#data[key] : undefined;
  }

  /** Whether a value is stored under `key`. */
  has(key: string): boolean {
    return Object.hasOwn(this.#data, key);
  }

  /** Stores `value` under `key`; the session is saved when the response leaves. */
  set(key: string, value: unknown): void {
    this.#data[key] = value;
    this.#modified = true;
  }

  /** Removes `key`. */
  delete(key: string): void {
    if (!Object.hasOwn(this.#data, key)) return;
    delete this.#data[key];
    this.#modified = true;
  }

  /**
   * Gives the session a new id, keeping its values: the old stored session is deleted and a new
   * one saved when the response leaves. Login does this (no session fixation).
   */
  cycle(): void {
    this.#previousKey ??= this.#key;
    this.#key = undefined;
    this.#createdAt = undefined;
    this.#modified = true;
  }

  /**
   * Drops every value and the id: the stored session is deleted and the cookie removed when the
   * response leaves. Logout does this.
   */
  clear(): void {
    this.#previousKey ??= this.#key;
    this.#key = undefined;
    this.#data = Object.create(null);
    this.#userId = null;
    this.#createdAt = undefined;
    this.#modified = false;
    this.#ended = true;
  }
}

/** Internal accessors for the session middleware: not part of the public API. */
export { internals as sessionInternals };
