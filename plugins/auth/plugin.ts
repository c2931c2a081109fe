import type { App, Plugin } from "../../core/mod.ts";
import type { Model } from "../model/mod.ts";
import { Auth } from "./auth.ts";
import { authMiddleware } from "./_auth_middleware.ts";
import { type AuthBackend, passwordBackend } from "./backend.ts";
import { cacheSessionStore, type ValueCache } from "./cache_session_store.ts";
import { authCommands } from "./_commands.ts";
import { LoginThrottle, type ThrottleOptions } from "./_login_throttle.ts";
import { readWithUser, type SessionSettings } from "./_session_io.ts";
import { modelSessionStore } from "./model_session_store.ts";
import { defineAuthModels } from "./models.ts";
import { Passwords } from "./passwords.ts";
import { defaultValidators, type PasswordValidator } from "./password_validators.ts";
import type { SessionStore } from "./session_store.ts";
import {
  cacheThrottleStore,
  type CounterCache,
  MemoryThrottleStore,
  type ThrottleStore,
} from "./throttle_store.ts";
import { modelUserStore, type UserStore } from "./_user_store.ts";
import { authViews } from "./views.ts";

/** Options of the {@linkcode auth} plugin. */
export interface AuthOptions {
  /** A user model meeting {@linkcode AuthUser} to use instead of the built-in `User`. */
  readonly userModel?: Model;
  /** Password hashing; argon2id with OWASP's parameters by default. */
  readonly passwords?: Passwords;
  /** Validators for new passwords; {@linkcode defaultValidators} by default. */
  readonly validators?: readonly PasswordValidator[];
  /**
   * Where sessions live: `"database"` (default: PostgreSQL through the model plugin), `"cache"`
   * (the cache plugin's store, Redis in production; needs `cache()` registered), or a store.
   */
  readonly sessions?: "database" | "cache" | SessionStore;
  /** Seconds of inactivity after which a session ends; default 14 days. */
  readonly idleTimeout?: number;
  /** Seconds after login after which a session ends whatever the activity; default 30 days. */
  readonly absoluteTimeout?: number;
  /** Authentication backends, tried in order; default `[passwordBackend()]`. */
  readonly backends?: readonly AuthBackend[];
  /** Failed-login limits per account and per address. */
  readonly throttle?: ThrottleOptions;
  /** Where failed logins are counted; default the cache when registered, else memory. */
  readonly throttleStore?: ThrottleStore;
  /** Where to mount the login, logout and password views (namespace `auth`); `false`: none. */
  readonly views?: string | false;
  /**
   * The name of the route guards send anonymous browsers to, for an app with its own login
   * page; default `"auth:login"` when the views are mounted.
   */
  readonly loginRoute?: string;
  /**
   * The clock sessions expire by, in milliseconds since the epoch; `Date.now` by default. Tests
   * pass one to move time forward without waiting.
   */
  readonly now?: () => number;
}

const DAY = 86_400;

/**
 * The auth plugin (Django's `contrib.auth`, sessions and CSRF): users, groups and permissions
 * as models with their migration, password hashing, server-side sessions, login throttling,
 * CSRF protection for every unsafe request (but routes with `meta: { csrfExempt: true }`),
 * bearer tokens, guards, views and the `createsuperuser`, `changepassword` and `clearsessions`
 * commands. Adds `app.auth` and `ctx.auth`, and per request `ctx.state.user`,
 * `ctx.state.session` and `ctx.state.csrfToken`.
 *
 * @param options Models, hashing, sessions, throttling, views; see {@linkcode AuthOptions}.
 * @returns The plugin, named `"auth"`, depending on `"model"`.
 * @throws {RangeError} For a timeout that is not a positive number.
 *
 * @example Registering auth
 * ```ts
 * import { App } from "@plinth/plinth";
 * import { model } from "@plinth/plinth/model";
 * import { auth } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * const app = new App({ env: "test" }).register(model()).register(auth());
 * app.get("/", (ctx) => ctx.text(ctx.state.user?.username ?? "anonymous"));
 * await app.boot();
 * await app.db.migrate();
 * assert.equal(await (await app.request("/")).text(), "anonymous");
 * assert.equal(app.url("auth:login"), "/auth/login");
 * await app.close();
 * ```
 *
 * @example Exempting a route from CSRF checks with its metadata
 * ```ts
 * import { App } from "@plinth/plinth";
 * import { model } from "@plinth/plinth/model";
 * import { auth } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * const app = new App({ env: "test" }).register(model()).register(auth());
 * // A webhook from another site, which checks the sender's signature itself.
 * app.post("/hooks/payments", (ctx) => ctx.text("received"), { meta: { csrfExempt: true } });
 * app.post("/notes", (ctx) => ctx.text("saved"));
 * await app.boot();
 * await app.db.migrate();
 * const from = { origin: "https://payments.example" };
 * assert.equal((await app.request("/hooks/payments", { method: "POST", headers: from })).status, 200);
 * assert.equal((await app.request("/notes", { method: "POST", headers: from })).status, 403);
 * await app.close();
 * ```
 */
export function auth(options: AuthOptions = {}): Plugin {
  const idleMs = seconds(options.idleTimeout ?? 14 * DAY, "idleTimeout") * 1000;
  const absoluteMs = seconds(options.absoluteTimeout ?? 30 * DAY, "absoluteTimeout") * 1000;
  return {
    name: "auth",
    dependsOn: ["model"],
    setup(app: App) {
      const folder = new URL("./migrations/", import.meta.url);
      const models = defineAuthModels();
      const { Permission, Group, User, Session, ApiToken } = models;
      app.db.register([Permission, Group, User, Session, ApiToken], {
        app: "auth",
        migrations: folder.protocol === "file:" ? decodeURIComponent(folder.pathname) : folder,
      });
      const userModel = options.userModel ?? User;
      if (userModel !== User) app.db.register([userModel]);
      const users = modelUserStore(userModel, () => app.db);
      const now = options.now ?? Date.now;
      const instance = new Auth({
        app,
        models,
        passwords: options.passwords ?? new Passwords(),
        validators: options.validators ?? defaultValidators(),
        users,
        sessions: {
          ...sessionStore(app, options.sessions, { table: Session, users, now }),
          idleMs,
          absoluteMs,
          now,
        },
        backends: options.backends ?? [passwordBackend()],
        throttle: new LoginThrottle(throttleStore(app, options.throttleStore), options.throttle),
        loginRoute: options.loginRoute ?? (options.views === false ? undefined : "auth:login"),
      });
      app.decorate("auth", instance);
      app.use(authMiddleware(instance));
      if (options.views !== false) {
        app.mount(options.views ?? "/auth", authViews(), { namespace: "auth" });
      }
      for (const [name, command] of Object.entries(authCommands(() => instance))) {
        app.command(name, command);
      }
    },
  };
}

function seconds(value: number, name: string): number {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`Cannot create auth(): ${name} must be a positive number of seconds`);
  }
  return value;
}

/** The cache plugin's cache, read on use: it may be set up after auth. */
function appCache<T>(app: App): () => T {
  return () => (app as unknown as { cache: T }).cache;
}

/** The session store chosen, and how to read a session with its user from it. */
function sessionStore(
  app: App,
  choice: AuthOptions["sessions"],
  { table, users, now }: { table: Model; users: UserStore; now: () => number },
): Pick<SessionSettings, "store" | "read"> {
  if (choice === undefined || choice === "database") {
    const store = modelSessionStore(table, users.model, now);
    return { store, read: store.loadWithUser };
  }
  if (choice !== "cache") return { store: choice, read: readWithUser(choice, users) };
  if (!app.has("cache")) {
    throw new Error(
      'Cannot store sessions in the cache: register cache() or use sessions: "database"',
    );
  }
  const cache = appCache<ValueCache>(app);
  const store = cacheSessionStore({
    get: (key) => cache().get(key),
    set: (key, value, options) => cache().set(key, value, options),
    delete: (key) => cache().delete(key),
  }, { now });
  return { store, read: readWithUser(store, users) };
}

function throttleStore(app: App, given: ThrottleStore | undefined): () => ThrottleStore {
  if (given !== undefined) return () => given;
  if (!app.has("cache")) {
    const memory = new MemoryThrottleStore();
    return () => memory;
  }
  const cache = appCache<CounterCache>(app);
  const store = cacheThrottleStore({
    get: (key) => cache().get(key),
    increment: (key, by, options) => cache().increment(key, by, options),
    delete: (key) => cache().delete(key),
  });
  return () => store;
}
