import { authParts } from "./auth.ts";
import type { Context } from "../../core/mod.ts";
import type { AuthUser } from "./user.ts";

/** What `authenticate()` receives: usually `{ username, password }`. */
export type Credentials = Readonly<Record<string, unknown>>;

/**
 * An authentication backend (Django's `AUTHENTICATION_BACKENDS`): returns the user the
 * credentials prove, or `undefined` to let the next backend try. The default is
 * {@linkcode passwordBackend}.
 *
 * @example A backend accepting a one-time code
 * ```ts
 * import type { AuthBackend } from "@plinth/plinth/auth";
 *
 * const codes: AuthBackend = {
 *   async authenticate(ctx, credentials) {
 *     if (typeof credentials.code !== "string") return undefined;
 *     const userId = Number(credentials.code.split(":")[0]); // look the code up for real
 *     return await ctx.auth.getUser(userId);
 *   },
 * };
 * ```
 */
export interface AuthBackend {
  /** The user `credentials` prove, or `undefined`. */
  authenticate(ctx: Context, credentials: Credentials): Promise<AuthUser | undefined>;
}

/**
 * The username-and-password backend: finds the user by username, verifies the password (a
 * missing user still costs one hash), refuses inactive users, and re-hashes passwords whose hash
 * uses an old algorithm or parameters.
 *
 * @returns The backend.
 *
 * @example Listing it with another backend
 * ```ts
 * import { auth, passwordBackend } from "@plinth/plinth/auth";
 *
 * const plugin = auth({ backends: [passwordBackend()] });
 * ```
 */
export function passwordBackend(): AuthBackend {
  return {
    async authenticate(ctx, credentials) {
      const { username, password } = credentials;
      if (typeof username !== "string" || typeof password !== "string") return undefined;
      const { users, passwords } = authParts(ctx.auth);
      const user = await users.byUsername(username);
      const verdict = await passwords.verify(password, user?.password);
      if (user === undefined || !verdict.valid || !user.isActive) return undefined;
      if (!verdict.upgrade) return user;
      const encoded = await passwords.hash(password);
      await users.update(user.id, { password: encoded });
      ctx.log.info("Upgraded a password hash", { userId: user.id });
      return { ...user, password: encoded };
    },
  };
}
