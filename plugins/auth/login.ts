import { authParts } from "./auth.ts";
import type { Context } from "../../core/mod.ts";
import type { Credentials } from "./backend.ts";
import { newCsrfSecret } from "./_csrf_token.ts";
import { AuthEvent } from "./events.ts";
import { sessionInternals } from "./session.ts";
import type { AuthUser } from "./user.ts";

/**
 * Checks credentials with each backend in turn (Django's `authenticate`), under login
 * throttling: too many failures for the username or the client address answer 429 before any
 * hashing. A failure dispatches `login_failed` and is logged.
 *
 * @param ctx The request (for throttling by address, events and logs).
 * @param credentials Usually `{ username, password }`.
 * @returns The user, or `undefined` when no backend accepts the credentials.
 * @throws {HttpError} 429 when throttled, 400 for a password over 4 KiB.
 *
 * @example Logging in from a JSON view
 * ```ts ignore
 * app.post("/api/login", async (ctx) => {
 *   const user = await authenticate(ctx, await ctx.body.json());
 *   if (user === undefined) return ctx.json({ error: "Invalid credentials" }, 401);
 *   await login(ctx, user);
 *   return ctx.json({ id: user.id });
 * });
 * ```
 */
export async function authenticate(
  ctx: Context,
  credentials: Credentials,
): Promise<AuthUser | undefined> {
  const { backends, throttle } = authParts(ctx.auth);
  const username = typeof credentials.username === "string" ? credentials.username : undefined;
  await throttle.check(ctx, username);
  for (const backend of backends) {
    const user = await backend.authenticate(ctx, credentials);
    if (user !== undefined) {
      await throttle.succeeded(username);
      return user;
    }
  }
  await throttle.failed(ctx, username);
  ctx.log.warn("Login failed", { username, ip: ctx.ip });
  ctx.auth.events.dispatchEvent(new AuthEvent("login_failed", { ctx, username }));
  return undefined;
}

/**
 * Logs `user` in on this request: the old session is deleted and its values move to a new id
 * (no fixation), the CSRF token is rotated, `lastLogin` is set, `ctx.state.user` is the user,
 * and `login` is dispatched.
 *
 * @param ctx The request.
 * @param user A user from {@linkcode authenticate} (or one the app vouches for).
 *
 * @example See {@linkcode authenticate}
 * ```ts ignore
 * await login(ctx, user);
 * ```
 */
export async function login(ctx: Context, user: AuthUser): Promise<void> {
  const auth = ctx.auth;
  const session = ctx.state.session!;
  const key = sessionInternals.state(session).key;
  if (session.stored && sessionInternals.state(session).userId !== String(user.id)) {
    session.clear();
  }
  session.cycle();
  if (key !== undefined) await authParts(auth).sessions.store.delete(key);
  sessionInternals.setUser(session, String(user.id));
  session.set("_auth_hash", await auth.fingerprint(user.password));
  session.set("_csrf", newCsrfSecret());
  const lastLogin = new Date();
  await authParts(auth).users.update(user.id, { lastLogin });
  ctx.state.user = { ...user, lastLogin };
  ctx.log.info("User logged in", { userId: user.id });
  auth.events.dispatchEvent(new AuthEvent("login", { ctx, user: ctx.state.user }));
}

/**
 * Logs the current user out: dispatches `logout`, deletes the stored session at once (a
 * replayed cookie is anonymous) and removes the cookie.
 *
 * @param ctx The request.
 *
 * @example A logout view
 * ```ts ignore
 * app.post("/bye", async (ctx) => {
 *   await logout(ctx);
 *   return ctx.redirect("/");
 * });
 * ```
 */
export async function logout(ctx: Context): Promise<void> {
  const auth = ctx.auth;
  const session = ctx.state.session!;
  const user = ctx.state.user;
  if (user !== undefined) {
    ctx.log.info("User logged out", { userId: user.id });
    auth.events.dispatchEvent(new AuthEvent("logout", { ctx, user }));
  }
  const key = sessionInternals.state(session).key;
  session.clear();
  if (key !== undefined) await authParts(auth).sessions.store.delete(key);
  ctx.state.user = undefined;
}
