import type { Context } from "../../core/mod.ts";
import { randomBytes, sha256Hex, toBase64Url } from "./_bytes.ts";
import { Session, sessionInternals } from "./session.ts";
import type { SessionRecord, SessionStore } from "./session_store.ts";
import type { UserStore } from "./_user_store.ts";
import type { AuthUser } from "./user.ts";

/** The session cookie's name over plain HTTP. */
export const SESSION_COOKIE = "plinth_session";
/** The session cookie's name over TLS: the `__Host-` prefix pins it to this host and path `/`. */
export const SECURE_SESSION_COOKIE = "__Host-plinth_session";

const ID = /^[A-Za-z0-9_-]{43}$/;
/** The least an unchanged session's expiry must move by to be written again. */
const MIN_REFRESH_MS = 60_000;
/** The fraction of the idle timeout that an unchanged session's expiry must move by. */
const REFRESH_FRACTION = 0.01;

/** A session with its user as they are now (`undefined`: anonymous, or the user is gone). */
export interface SessionWithUser {
  readonly record: SessionRecord;
  readonly user: AuthUser | undefined;
}

/** How sessions are kept. Internal. */
export interface SessionSettings {
  readonly store: SessionStore;
  /** Reads a live session and its user, fresh; see {@linkcode readWithUser}. */
  readonly read: (key: string) => Promise<SessionWithUser | undefined>;
  /** Idle timeout in milliseconds. */
  readonly idleMs: number;
  /** Absolute timeout in milliseconds. */
  readonly absoluteMs: number;
  /** The clock, in milliseconds since the epoch. */
  readonly now: () => number;
}

/** A loaded session with what the commit needs to know about the request's cookie. Internal. */
export interface LoadedSession {
  readonly session: Session;
  /** The session cookie's name for this request. */
  readonly name: string;
  /** The cookie's raw id when it named a live session. */
  readonly raw: string | undefined;
  /** Whether the request sent a session cookie at all. */
  readonly sent: boolean;
  /** The user the session names, as stored now; `undefined` when none or gone. */
  readonly user: AuthUser | undefined;
}

/**
 * Reads the session named by the request's cookie, and the user it names, fresh from the
 * stores (in one statement with the database store); anything invalid gives an empty session.
 * Without a session cookie nothing is read and nothing awaited.
 */
export function loadSession(
  ctx: Context,
  settings: SessionSettings,
): LoadedSession | Promise<LoadedSession> {
  const session = new Session();
  const name = ctx.secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  const raw = ctx.cookies.get(name);
  const none = { session, name, raw: undefined, sent: raw !== undefined, user: undefined };
  if (raw === undefined || !ID.test(raw)) return none;
  return loadStored(settings, none, raw);
}

async function loadStored(
  settings: SessionSettings,
  none: LoadedSession,
  raw: string,
): Promise<LoadedSession> {
  const key = sha256Hex(raw);
  const found = await settings.read(key);
  const now = settings.now();
  if (found === undefined || found.record.expiresAt <= now) return none;
  if (found.record.createdAt + settings.absoluteMs <= now) {
    await settings.store.delete(key);
    return none;
  }
  sessionInternals.load(none.session, key, found.record);
  return { ...none, raw, user: found.user };
}

/**
 * Reads sessions from `store` and their users from `users` (two lookups; the database store
 * joins them in one statement instead).
 */
export function readWithUser(
  store: SessionStore,
  users: UserStore,
): (key: string) => Promise<SessionWithUser | undefined> {
  return async function read(key) {
    const record = await store.load(key);
    if (record === undefined) return undefined;
    const user = record.userId === null ? undefined : await users.byId(Number(record.userId));
    return { record, user };
  };
}

/**
 * Saves, rotates or ends the session and queues its cookie, as the response leaves. An unchanged
 * session is written again only when its idle expiry moves by a hundredth of the idle timeout (a
 * minute at least): never on every request, and never once the absolute timeout caps it. Returns
 * a promise only when there is something to write or delete.
 */
export function commitSession(
  ctx: Context,
  loaded: LoadedSession,
  settings: SessionSettings,
): Promise<void> | undefined {
  const state = sessionInternals.state(loaded.session);
  const previous = state.previousKey !== undefined && state.previousKey !== state.key
    ? state.previousKey
    : undefined;
  const now = settings.now();
  const empty = state.userId === null && Object.keys(state.data).length === 0;
  if (state.key === undefined && (empty || !state.modified)) {
    // Only a session ended here (logout, a user gone) removes the cookie: one that named no
    // stored session may have met a cache outage, and removing it would log the visitor out.
    if (loaded.sent && state.ended) ctx.cookies.delete(loaded.name);
    return previous === undefined ? undefined : settings.store.delete(previous);
  }
  const createdAt = state.createdAt ?? now;
  const expiresAt = Math.min(now + settings.idleMs, createdAt + settings.absoluteMs);
  const refreshMs = Math.max(MIN_REFRESH_MS, settings.idleMs * REFRESH_FRACTION);
  const due = state.modified || state.expiresAt === undefined ||
    expiresAt - state.expiresAt >= refreshMs;
  if (!due) return previous === undefined ? undefined : settings.store.delete(previous);
  return save(ctx, loaded, settings, { previous, createdAt, expiresAt, now });
}

async function save(
  ctx: Context,
  loaded: LoadedSession,
  settings: SessionSettings,
  times: { previous: string | undefined; createdAt: number; expiresAt: number; now: number },
): Promise<void> {
  const { previous, createdAt, expiresAt, now } = times;
  if (previous !== undefined) await settings.store.delete(previous);
  const state = sessionInternals.state(loaded.session);
  const raw = state.key === undefined ? toBase64Url(randomBytes(32)) : loaded.raw!;
  const key = state.key ?? sha256Hex(raw);
  await settings.store.save(key, { data: state.data, userId: state.userId, createdAt, expiresAt });
  sessionInternals.saved(loaded.session, key, createdAt, expiresAt);
  ctx.cookies.set(loaded.name, raw, {
    maxAge: Math.floor((expiresAt - now) / 1000),
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure: ctx.secure,
  });
}
