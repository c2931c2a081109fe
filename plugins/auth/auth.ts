import type { App, Context } from "../../core/mod.ts";
import type { Model } from "../model/mod.ts";
import { timingSafeEqualText } from "./_bytes.ts";
import type { AuthBackend } from "./backend.ts";
import type { SessionSettings } from "./_session_io.ts";
import type { Passwords } from "./passwords.ts";
import { type PasswordValidator, validatePassword } from "./password_validators.ts";
import type { LoginThrottle } from "./_login_throttle.ts";
import type { AuthModels } from "./models.ts";
import type { UserStore } from "./_user_store.ts";
import type { AuthUser } from "./user.ts";

/** Everything {@linkcode Auth} is made of; assembled by the `auth()` plugin. Internal. */
export interface AuthParts {
  readonly app: App;
  readonly models: AuthModels;
  readonly passwords: Passwords;
  readonly validators: readonly PasswordValidator[];
  readonly users: UserStore;
  readonly sessions: SessionSettings;
  readonly backends: readonly AuthBackend[];
  readonly throttle: LoginThrottle;
  readonly loginRoute: string | undefined;
}

let partsOf!: (auth: Auth) => AuthParts;

/** The configuration behind an {@linkcode Auth}, for the plugin's own functions. Internal. */
export function authParts(auth: Auth): AuthParts {
  return partsOf(auth);
}

/**
 * The auth plugin's services, as `app.auth` and `ctx.auth`: the user model, password hashing,
 * permission checks, events, and account helpers for views and commands.
 *
 * @example Creating a user and checking a permission
 * ```ts
 * import { App } from "@plinth/plinth";
 * import { model } from "@plinth/plinth/model";
 * import { auth, Argon2Hasher, Passwords } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * const passwords = new Passwords({ hashers: [new Argon2Hasher({ memoryKiB: 64, iterations: 1 })] });
 * const app = new App({ env: "test" }).register(model()).register(auth({ passwords }));
 * await app.boot();
 * await app.db.migrate();
 * const ann = await app.auth.createUser({ username: "ann", password: "violet staple gravity" });
 * assert.equal(await app.auth.hasPermission(ann, "blog.change_post"), false);
 * await app.auth.grant(ann, "blog.change_post");
 * assert.equal(await app.auth.hasPermission(ann, "blog.change_post"), true);
 * await app.close();
 * ```
 */
export class Auth {
  /** `login`, `logout` and `login_failed` events ({@linkcode AuthEvent}). */
  readonly events: EventTarget = new EventTarget();
  readonly #parts: AuthParts;
  readonly #fingerprints = new Map<string, string>();
  readonly #permissions = new WeakMap<AuthUser, Promise<Set<string>>>();

  static {
    partsOf = (auth) => auth.#parts;
  }

  /**
   * Made by the `auth()` plugin.
   *
   * @param parts The plugin's configuration.
   */
  constructor(parts: AuthParts) {
    this.#parts = parts;
  }

  /** The user model: the built-in `User`, or the one given as `userModel`. */
  get userModel(): Model {
    return this.#parts.users.model;
  }

  /** The plugin's models: `Permission`, `Group`, `User`, and the internal `Session`, `ApiToken`. */
  get models(): AuthModels {
    return this.#parts.models;
  }

  /** The password service. */
  get passwords(): Passwords {
    return this.#parts.passwords;
  }

  /** The login route's name, when the plugin's views are mounted. */
  get loginRoute(): string | undefined {
    return this.#parts.loginRoute;
  }

  /** The user with primary key `id`, or `undefined`. */
  async getUser(id: number): Promise<AuthUser | undefined> {
    return await this.#parts.users.byId(id);
  }

  /**
   * Creates a user with a hashed password (or an unusable one when `password` is omitted). The
   * password is not validated here: call {@linkcode Auth.validatePassword} first for user input.
   */
  async createUser(
    data: {
      username: string;
      password?: string;
      email?: string;
      isStaff?: boolean;
      isSuperuser?: boolean;
    },
  ): Promise<AuthUser> {
    const password = data.password === undefined
      ? this.passwords.unusable()
      : await this.passwords.hash(data.password);
    return await this.userModel.objects.create({
      username: data.username,
      email: data.email ?? "",
      password,
      isStaff: data.isStaff ?? false,
      isSuperuser: data.isSuperuser ?? false,
    }) as unknown as AuthUser;
  }

  /** The messages of the configured validators refusing `password` for `user` (empty: fine). */
  validatePassword(password: string, user: { username?: string; email?: string }): string[] {
    return validatePassword(password, user, this.#parts.validators);
  }

  /**
   * Sets a new password: hashes it, stores it, and ends every other session of the user. The
   * current request's session (when `ctx` is the user's own) stays logged in under a new id.
   *
   * @returns The user with the new hash.
   */
  async setPassword(user: AuthUser, password: string, ctx?: Context): Promise<AuthUser> {
    const encoded = await this.passwords.hash(password);
    await this.#parts.users.update(user.id, { password: encoded });
    const updated = { ...user, password: encoded };
    const session = ctx?.state.session;
    const own = ctx !== undefined && ctx.state.user?.id === user.id && session !== undefined;
    if (own) {
      session.cycle();
      session.set("_auth_hash", await this.fingerprint(encoded));
      ctx.state.user = updated;
    }
    await this.#parts.sessions.store.deleteForUser?.(String(user.id));
    return updated;
  }

  /**
   * Whether `user` has permission `name` (`"<app>.<codename>"`): active superusers have all;
   * others through their own permissions or their groups'.
   */
  async hasPermission(user: AuthUser | undefined, name: string): Promise<boolean> {
    if (user === undefined || !user.isActive) return false;
    if (user.isSuperuser) return true;
    let names = this.#permissions.get(user);
    if (names === undefined) {
      names = this.#parts.users.permissions(user);
      this.#permissions.set(user, names);
    }
    return (await names).has(name);
  }

  /** Gives `user` permission `name` (`"<app>.<codename>"`), creating the permission if needed. */
  async grant(user: AuthUser, name: string): Promise<void> {
    const permission = await this.#permission(name);
    await this.userModel.related(user as never, "userPermissions").add(permission);
    this.#permissions.delete(user);
  }

  /**
   * Creates the add, change, delete and view permissions of every registered model (Django's
   * post-migrate step); existing ones are kept.
   *
   * @returns How many were created.
   */
  async syncPermissions(): Promise<number> {
    let created = 0;
    for (const [label, entry] of this.#parts.app.db.apps) {
      for (const m of entry.models) {
        if (m.name.includes("_")) continue; // join models of many-to-many fields
        for (const verb of ["add", "change", "delete", "view"]) {
          const codename = `${verb}_${m.name.toLowerCase()}`;
          const [, made] = await this.#parts.models.Permission.objects.getOrCreate({
            app: label,
            codename,
          }, {
            name: `Can ${verb} ${m.name.toLowerCase()}`,
          });
          if (made) created++;
        }
      }
    }
    return created;
  }

  /** The session fingerprint of a password hash: sessions made before a change stop matching. */
  async fingerprint(passwordHash: string): Promise<string> {
    let value = this.#fingerprints.get(passwordHash);
    if (value === undefined) {
      value = await this.#parts.app.signer.sign(`plinth.auth.session:${passwordHash}`);
      if (this.#fingerprints.size >= 10_000) this.#fingerprints.clear();
      this.#fingerprints.set(passwordHash, value);
    }
    return value;
  }

  /** Whether a session's stored fingerprint matches the user's current password hash. */
  async fingerprintMatches(stored: unknown, passwordHash: string): Promise<boolean> {
    if (typeof stored !== "string") return false;
    const expected = this.#fingerprints.get(passwordHash) ?? await this.fingerprint(passwordHash);
    return timingSafeEqualText(stored, expected);
  }

  async #permission(name: string) {
    const dot = name.indexOf(".");
    if (dot <= 0 || dot === name.length - 1) {
      throw new TypeError(`Invalid permission "${name}": use "<app>.<codename>"`);
    }
    const [app, codename] = [name.slice(0, dot), name.slice(dot + 1)];
    const [permission] = await this.#parts.models.Permission.objects.getOrCreate(
      { app, codename },
      {
        name: codename.replaceAll("_", " "),
      },
    );
    return permission;
  }
}
