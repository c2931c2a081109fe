import { randomBytes, sha256Hex, toBase64Url } from "./_bytes.ts";
import type { Auth } from "./auth.ts";
import type { AuthUser } from "./user.ts";

const PREFIX = "plt_";
const SHAPE = /^plt_[A-Za-z0-9_-]{43}$/;

/**
 * Creates an API bearer token for `user` and returns it: it is shown once, and only its SHA-256
 * is stored. Requests send it as `Authorization: Bearer <token>`; they are authenticated as the
 * user and, carrying no cookie, need no CSRF token.
 *
 * @param auth `app.auth` or `ctx.auth`.
 * @param user The token's owner.
 * @param name A label for listing, such as `"ci"`.
 * @returns The token, `plt_` and 43 base64url characters (256 bits).
 *
 * @example Creating and revoking a token
 * ```ts ignore
 * const token = await createToken(app.auth, user, "ci");
 * await app.request("/api/me", { headers: { authorization: `Bearer ${token}` } });
 * await revokeToken(app.auth, token);
 * ```
 */
export async function createToken(auth: Auth, user: AuthUser, name = ""): Promise<string> {
  const token = PREFIX + toBase64Url(randomBytes(32));
  await auth.models.ApiToken.objects.create({
    key: sha256Hex(token),
    userRef: user.id,
    name,
  });
  return token;
}

/**
 * Revokes a token; later requests carrying it answer 401.
 *
 * @param auth `app.auth` or `ctx.auth`.
 * @param token The token as given by {@linkcode createToken}.
 * @returns Whether a token was revoked.
 *
 * @example See {@linkcode createToken}
 * ```ts ignore
 * await revokeToken(app.auth, token);
 * ```
 */
export async function revokeToken(auth: Auth, token: string): Promise<boolean> {
  if (!SHAPE.test(token)) return false;
  return await auth.models.ApiToken.objects.filter({ key: sha256Hex(token) }).delete() > 0;
}

/** The user a token belongs to, or `undefined`. Internal. */
export async function userForToken(auth: Auth, token: string): Promise<AuthUser | undefined> {
  if (!SHAPE.test(token)) return undefined;
  const row = await auth.models.ApiToken.objects.filter({ key: sha256Hex(token) })
    .first() as Record<string, unknown> | undefined;
  return row === undefined ? undefined : await auth.getUser(row.userRef as number);
}
