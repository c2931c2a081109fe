import assert from "node:assert/strict";
import { App, silentLogger } from "@plinth/plinth";
import { cache, RedisStore } from "@plinth/plinth/cache";
import { connect, identifier, model } from "@plinth/plinth/model";
import {
  Argon2Hasher,
  auth,
  type AuthOptions,
  MemorySessionStore,
  Passwords,
  requireLogin,
} from "@plinth/plinth/auth";
import { jsonLogin } from "./fixtures/auth_app.ts";

const SERVER = Deno.env.get("DATABASE_URL") ?? "postgres://postgres@127.0.0.1:5432/test";
const REDIS = Deno.env.get("REDIS_URL") ?? "redis://127.0.0.1:6379";
const PASSWORD = "violet staple gravity";
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A clock the tests move by hand. */
class Clock {
  ms = Date.UTC(2030, 0, 1);
  readonly now = () => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

/**
 * An app whose sessions live in `store` (PGlite, PostgreSQL, a memory store or Redis) and expire
 * by `clock`: one idle hour, three hours in all.
 */
async function sessionApp(store: string, clock: Clock, options: { atomicRequests?: boolean } = {}) {
  const schema = `plinth_auth_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = store === "postgres" ? await connect(SERVER, { connectAttempts: 2 }) : undefined;
  if (admin) await admin.sql`CREATE SCHEMA ${identifier(schema)}`;
  const sessions: AuthOptions["sessions"] = store === "memory"
    ? new MemorySessionStore({ now: clock.now })
    : store === "redis"
    ? "cache"
    : "database";
  let app = new App({ env: "test", logger: silentLogger })
    .register(model({
      url: admin ? SERVER : "memory://",
      schema: admin ? schema : undefined,
      atomicRequests: options.atomicRequests,
    }));
  if (store === "redis") {
    app = app.register(cache({ store: new RedisStore({ url: REDIS }), prefix: schema }));
  }
  app.register(auth({
    passwords: new Passwords({ hashers: [new Argon2Hasher({ memoryKiB: 64, iterations: 1 })] }),
    sessions,
    idleTimeout: 3600,
    absoluteTimeout: 3 * 3600,
    now: clock.now,
  }));
  app.get("/me", requireLogin({ api: true }), (ctx) => ctx.json(ctx.state.user!.username));
  await app.boot();
  await app.db.migrate();
  for (const username of ["ann", "bob", "cy"]) {
    await app.auth.createUser({ username, password: PASSWORD });
  }
  return {
    app,
    async close() {
      if (store === "redis") await app.cache.clear();
      await app.close();
      if (admin) {
        await admin.sql`DROP SCHEMA ${identifier(schema)} CASCADE`;
        await admin.close();
      }
    },
  };
}

/** Logs a user in and returns a function that asks `/me` with their cookie. */
async function logIn(app: App, username = "ann") {
  const json = { accept: "application/json" };
  const cookie = await jsonLogin(app, username, PASSWORD);
  /** The status and body of `/me`, and the Set-Cookie line it answered with, if any. */
  return async function me(): Promise<{ status: number; body: unknown; setCookie: string | null }> {
    const res = await app.request("/me", { headers: { ...json, cookie } });
    return { status: res.status, body: await res.json(), setCookie: res.headers.get("set-cookie") };
  };
}

for (const store of ["pglite", "postgres", "memory", "redis"]) {
  Deno.test(`sessions and their expiry by an injected clock (${store} store)`, async (t) => {
    const clock = new Clock();
    const { app, close } = await sessionApp(store, clock);
    try {
      await t.step("concurrent requests of different users each get their own", async () => {
        const users = ["ann", "bob", "cy"];
        const clients = await Promise.all(users.map((username) => logIn(app, username)));
        const answers = await Promise.all(
          Array.from({ length: 12 }, (_, i) => clients[i % 3]()),
        );
        assert.deepEqual(
          answers.map((a) => a.body),
          Array.from({ length: 12 }, (_, i) => users[i % 3]),
        );
      });

      await t.step("a session idle for longer than the idle timeout ends", async () => {
        const me = await logIn(app);
        clock.advance(HOUR - MINUTE);
        assert.equal((await me()).status, 200, "59 idle minutes are fine");
        clock.advance(HOUR - MINUTE);
        assert.equal((await me()).status, 200, "the last request pushed the expiry back");
        clock.advance(HOUR + MINUTE);
        const expired = await me();
        assert.equal(expired.status, 401, "61 idle minutes are not");
        // A cache outage looks the same as a missing session: that must not log anyone out.
        assert.equal(expired.setCookie, null, "a session not found leaves the cookie alone");
      });

      await t.step("a session ends at the absolute timeout however active it is", async () => {
        const me = await logIn(app);
        for (let elapsed = 0; elapsed < 3 * HOUR - 30 * MINUTE; elapsed += 30 * MINUTE) {
          clock.advance(30 * MINUTE);
          assert.equal((await me()).status, 200, `${elapsed / MINUTE + 30} minutes after login`);
        }
        clock.advance(30 * MINUTE);
        assert.equal((await me()).status, 401, "three hours after login");
      });

      await t.step("an unchanged session is written again at most once a minute", async () => {
        const me = await logIn(app);
        clock.advance(30_000);
        assert.equal((await me()).setCookie, null, "30 s after login: not rewritten");
        clock.advance(31_000);
        const refreshed = await me();
        assert.match(refreshed.setCookie ?? "", /Max-Age=3600;/, "61 s: rewritten");
        for (const step of [1_000, 30_000, 28_000]) {
          clock.advance(step);
          assert.equal((await me()).setCookie, null, "within a minute of the last write");
        }
        clock.advance(2_000);
        assert.match((await me()).setCookie ?? "", /Max-Age=3600;/, "a minute after it");
      });

      await t.step("a session capped by the absolute timeout is no longer rewritten", async () => {
        const me = await logIn(app);
        for (const minutes of [50, 40]) {
          clock.advance(minutes * MINUTE);
          assert.match((await me()).setCookie ?? "", /Max-Age=3600;/, "pushed back by an hour");
        }
        clock.advance(50 * MINUTE);
        const capped = await me();
        assert.match(capped.setCookie ?? "", /Max-Age=2400;/, "2 h 20 min: capped at 3 h");
        for (let i = 0; i < 3; i++) {
          clock.advance(5 * MINUTE);
          const res = await me();
          assert.equal(res.status, 200);
          assert.equal(res.setCookie, null, "the expiry cannot move: nothing to write");
        }
      });
    } finally {
      await close();
    }
  });
}

for (const store of ["pglite", "postgres"]) {
  Deno.test(`with atomicRequests a request reads its session in its own transaction (${store})`, async () => {
    const { app, close } = await sessionApp(store, new Clock(), { atomicRequests: true });
    try {
      const me = await logIn(app);
      const answers = await Promise.all(Array.from({ length: 8 }, () => me()));
      assert.deepEqual(answers.map((a) => a.body), Array(8).fill("ann"));
      await app.auth.models.User.objects.filter({ username: "ann" }).update({ isActive: false });
      assert.equal((await me()).status, 401, "a deactivated user's session ends at once");
    } finally {
      await close();
    }
  });
}

for (const store of ["pglite", "postgres"]) {
  Deno.test(`a corrupt session row fails no request sharing its statement (${store})`, async () => {
    const { app, close } = await sessionApp(store, new Clock());
    try {
      const [ann, bob] = [await logIn(app, "ann"), await logIn(app, "bob")];
      const bobId = String((await app.auth.models.User.objects.get({ username: "bob" })).id);
      await app.db.sql`UPDATE auth_session SET user_ref = 'not a number' WHERE user_ref = ${bobId}`;
      const [a, b] = await Promise.all([ann(), bob()]);
      assert.deepEqual([a.status, a.body], [200, "ann"]);
      assert.equal(b.status, 401);
    } finally {
      await close();
    }
  });
}
