import { type Context, HttpError, type Middleware } from "../../core/mod.ts";
import { type Auth, authParts } from "./auth.ts";
import { crossOriginReason } from "./_csrf_origin.ts";
import { csrfTokenMatches, maskCsrfSecret, newCsrfSecret } from "./_csrf_token.ts";
import { commitSession, type LoadedSession, loadSession } from "./_session_io.ts";
import { sessionInternals } from "./session.ts";
import { userForToken } from "./tokens.ts";
import type { AuthUser } from "./user.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/**
 * The auth middleware: loads the session, resolves `ctx.state.user` (session or bearer token),
 * offers `ctx.state.csrfToken`, checks CSRF on unsafe methods of routes without
 * `meta: { csrfExempt: true }`, and saves the session as the response leaves.
 */
export function authMiddleware(auth: Auth): Middleware {
  const settings = authParts(auth).sessions;
  return async function authentication(ctx, next) {
    // Anonymous requests (no session cookie, no token) await nothing here.
    const loading = loadSession(ctx, settings);
    const loaded = loading instanceof Promise ? await loading : loading;
    ctx.state.session = loaded.session;
    // Said now, the view's response is built with it.
    if (loaded.sent) ctx.vary("Cookie");
    const bearer = bearerToken(ctx);
    if (bearer !== undefined) ctx.state.user = await tokenUser(ctx, bearer);
    else if (loaded.sent) ctx.state.user = await sessionUser(auth, loaded);
    offerCsrfToken(ctx, loaded);
    if (!SAFE_METHODS.has(ctx.request.method) && !exempt(ctx, loaded, bearer)) {
      await checkCsrf(ctx, loaded);
    }
    const res = await next();
    const committing = commitSession(ctx, loaded, settings);
    if (committing !== undefined) await committing;
    if (ctx.cookies.outgoing.length > 0) ctx.vary("Cookie");
    return res;
  };
}

/** The session's user, when they still exist, are active and have not changed password since. */
async function sessionUser(auth: Auth, loaded: LoadedSession): Promise<AuthUser | undefined> {
  const { session, user } = loaded;
  const { userId, key } = sessionInternals.state(session);
  if (userId === null) return undefined;
  const valid = user !== undefined && user.isActive &&
    await auth.fingerprintMatches(session.get("_auth_hash"), user.password);
  if (valid) return user;
  // The user is gone, deactivated, or changed their password since: end this session.
  session.clear();
  if (key !== undefined) await authParts(auth).sessions.store.delete(key);
  return undefined;
}

function bearerToken(ctx: Context): string | undefined {
  const header = ctx.request.headers.get("authorization");
  if (header === null || !/^bearer /i.test(header)) return undefined;
  return header.slice(7).trim();
}

async function tokenUser(ctx: Context, token: string): Promise<AuthUser> {
  const user = await userForToken(ctx.auth, token);
  if (user === undefined || !user.isActive) {
    throw new HttpError(401, "Invalid or revoked token", {
      headers: { "www-authenticate": 'Bearer error="invalid_token"' },
    });
  }
  return user;
}

function offerCsrfToken(ctx: Context, loaded: LoadedSession): void {
  Object.defineProperty(ctx.state, "csrfToken", {
    configurable: true,
    get() {
      let secret = loaded.session.get("_csrf");
      if (typeof secret !== "string") {
        secret = newCsrfSecret();
        loaded.session.set("_csrf", secret);
      }
      return maskCsrfSecret(secret as string);
    },
  });
}

function exempt(ctx: Context, loaded: LoadedSession, bearer: string | undefined): boolean {
  // Browsers never attach bearer tokens by themselves: without a session cookie there is no
  // ambient credential to forge a request with.
  if (bearer !== undefined && !loaded.sent) return true;
  return ctx.route?.meta.csrfExempt === true;
}

async function checkCsrf(ctx: Context, loaded: LoadedSession): Promise<void> {
  const reason = crossOriginReason(ctx);
  if (reason !== undefined) throw forbidden(reason);
  const token = await submittedToken(ctx);
  if (token === undefined) throw forbidden("CSRF token missing");
  const secret = loaded.session.get("_csrf");
  if (typeof secret !== "string" || !csrfTokenMatches(token, secret)) {
    throw forbidden("CSRF token incorrect");
  }
}

async function submittedToken(ctx: Context): Promise<string | undefined> {
  const header = ctx.request.headers.get("x-csrf-token");
  if (header !== null) return header;
  const type = (ctx.request.headers.get("content-type") ?? "").split(";", 1)[0].trim()
    .toLowerCase();
  if (!FORM_TYPES.has(type)) return undefined;
  const value = (await ctx.body.form()).get("csrf_token");
  return typeof value === "string" ? value : undefined;
}

function forbidden(reason: string): HttpError {
  return new HttpError(403, `CSRF check failed: ${reason}`);
}
