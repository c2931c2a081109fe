/**
 * Plinth's auth plugin, after Django's `contrib.auth`, sessions and CSRF middleware: users,
 * groups and permissions stored with the model plugin; argon2id password hashing (PBKDF2 as the
 * dependency-free alternative) in Django's hash formats; server-side sessions in PostgreSQL or
 * the cache; login throttling; CSRF protection for every unsafe request; bearer tokens for
 * APIs; `requireLogin()`, `requirePermission()` and `requireStaff()` guards; login, logout and
 * password-change views; and the `createsuperuser`, `changepassword` and `clearsessions`
 * commands.
 *
 * @example Logging in through the JSON views
 * ```ts
 * import { App } from "@plinth/plinth";
 * import { model } from "@plinth/plinth/model";
 * import { Argon2Hasher, auth, Passwords, requireLogin } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * const passwords = new Passwords({ hashers: [new Argon2Hasher({ memoryKiB: 64, iterations: 1 })] });
 * const app = new App({ env: "test" }).register(model()).register(auth({ passwords }));
 * app.get("/me", requireLogin({ api: true }), (ctx) => ctx.json({ name: ctx.state.user!.username }));
 * await app.boot();
 * await app.db.migrate();
 * await app.auth.createUser({ username: "ann", password: "violet staple gravity" });
 *
 * const json = { accept: "application/json" };
 * const form = await app.request("/auth/login", { headers: json });
 * const { csrfToken } = await form.json();
 * let cookie = form.headers.get("set-cookie")!.split(";")[0];
 * const res = await app.request("/auth/login", {
 *   method: "POST",
 *   headers: { ...json, cookie, "content-type": "application/json", "x-csrf-token": csrfToken },
 *   body: JSON.stringify({ username: "ann", password: "violet staple gravity" }),
 * });
 * assert.equal(res.status, 200);
 * cookie = res.headers.get("set-cookie")!.split(";")[0];
 * assert.deepEqual(await (await app.request("/me", { headers: { cookie } })).json(), { name: "ann" });
 * await app.close();
 * ```
 *
 * @module
 */
import type { Auth } from "./auth.ts";
import type { Session } from "./session.ts";
import type { AuthUser } from "./user.ts";

export { Auth } from "./auth.ts";
export { Argon2Hasher, type Argon2Options } from "./argon2_hasher.ts";
export { type AuthBackend, type Credentials, passwordBackend } from "./backend.ts";
export { cacheSessionStore, type ValueCache } from "./cache_session_store.ts";
export { AuthEvent, type AuthEventType } from "./events.ts";
export {
  requireLogin,
  type RequireLoginOptions,
  requirePermission,
  type RequirePermissionOptions,
  requireStaff,
} from "./guards.ts";
export { authenticate, login, logout } from "./login.ts";
export type { ThrottleLimit, ThrottleOptions } from "./_login_throttle.ts";
export { type AuthModels, defineAuthModels } from "./models.ts";
export type { PasswordHasher } from "./password_hasher.ts";
export {
  commonPasswords,
  defaultValidators,
  minimumLength,
  notNumeric,
  type PasswordContext,
  type PasswordValidator,
  userAttributeSimilarity,
  validatePassword,
} from "./password_validators.ts";
export { MAX_PASSWORD_BYTES, Passwords, type PasswordsOptions, type Verdict } from "./passwords.ts";
export { Pbkdf2Hasher, type Pbkdf2Options } from "./pbkdf2_hasher.ts";
export { auth, type AuthOptions } from "./plugin.ts";
export { safeNext } from "./safe_next.ts";
export { Session } from "./session.ts";
export { MemorySessionStore, type SessionRecord, type SessionStore } from "./session_store.ts";
export { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "./_session_io.ts";
export {
  cacheThrottleStore,
  type CounterCache,
  MemoryThrottleStore,
  type ThrottleStore,
} from "./throttle_store.ts";
export { createToken, revokeToken } from "./tokens.ts";
export type { AuthUser } from "./user.ts";
export { authViews } from "./views.ts";

declare module "../../core/mod.ts" {
  interface App {
    /** The auth plugin's services. */
    readonly auth: Auth;
  }
  interface Context {
    /** The auth plugin's services. */
    readonly auth: Auth;
  }
  interface State {
    /** The logged-in user; `undefined` for anonymous requests. */
    user?: AuthUser;
    /** The visitor's session (stored only once something is put in it). */
    session?: Session;
    /** A masked CSRF token for forms (`csrf_token` field) and scripts (`X-CSRF-Token`). */
    readonly csrfToken?: string;
  }
}
