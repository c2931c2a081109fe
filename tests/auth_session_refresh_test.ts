import assert from "node:assert/strict";
import { App, silentLogger } from "@plinth/plinth";
import { model } from "@plinth/plinth/model";
import {
  Argon2Hasher,
  auth,
  type AuthOptions,
  MemorySessionStore,
  Passwords,
} from "@plinth/plinth/auth";
import { jsonLogin } from "./fixtures/auth_app.ts";

const PASSWORD = "violet staple gravity";
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** An app on an in-memory database whose sessions follow `clock`, with `/me` naming the user. */
async function sessionApp(clock: { ms: number }, options: AuthOptions = {}) {
  const app = new App({ env: "test", logger: silentLogger })
    .register(model({ url: "memory://" }))
    .register(auth({
      passwords: new Passwords({ hashers: [new Argon2Hasher({ memoryKiB: 64, iterations: 1 })] }),
      now: () => clock.ms,
      ...options,
    }));
  app.get("/me", (ctx) => {
    const user = ctx.state.user;
    return ctx.json(user === undefined ? null : { ...user, password: undefined });
  });
  await app.boot();
  await app.db.migrate();
  return app;
}

/** Logs `username` in; returns a function asking `/me` with the session cookie. */
async function logIn(app: App, username: string) {
  const json = { accept: "application/json" };
  const cookie = await jsonLogin(app, username, PASSWORD);
  return async function me() {
    const res = await app.request("/me", { headers: { ...json, cookie } });
    return { user: await res.json(), setCookie: res.headers.get("set-cookie") };
  };
}

Deno.test("an unchanged session is written again once its expiry moves by 1% of the idle timeout", async () => {
  const clock = { ms: Date.UTC(2030, 0, 1) };
  const app = await sessionApp(clock);
  try {
    await app.auth.createUser({ username: "ann", password: PASSWORD });
    const me = await logIn(app, "ann");
    // The default idle timeout is 14 days: a write every 3 h 21 min 36 s at most.
    for (const step of [2 * MINUTE, HOUR, 2 * HOUR]) {
      clock.ms += step;
      const { user, setCookie } = await me();
      assert.equal(user.username, "ann");
      assert.equal(setCookie, null, "not written again yet");
    }
    clock.ms += 20 * MINUTE;
    assert.match((await me()).setCookie ?? "", /Max-Age=1209600;/, "written again");
    clock.ms += MINUTE;
    assert.equal((await me()).setCookie, null, "and not again right after");
  } finally {
    await app.close();
  }
});

Deno.test("with a store other than the database, user changes made through the ORM end sessions at once", async () => {
  const clock = { ms: Date.UTC(2030, 0, 1) };
  const app = await sessionApp(clock, {
    sessions: new MemorySessionStore({ now: () => clock.ms }),
  });
  try {
    const { User } = app.auth.models;
    for (const username of ["ann", "bob"]) {
      await app.auth.createUser({ username, password: PASSWORD });
    }
    const [ann, bob] = [await logIn(app, "ann"), await logIn(app, "bob")];
    assert.equal((await ann()).user.username, "ann");
    await User.objects.filter({ username: "ann" }).update({ isActive: false });
    assert.equal((await ann()).user, null, "a deactivated user is anonymous at once");
    assert.equal((await bob()).user.username, "bob");
    const hash = await app.auth.passwords.hash("a brand new passphrase");
    await User.objects.filter({ username: "bob" }).update({ password: hash });
    assert.equal((await bob()).user, null, "a password changed behind auth's back ends it too");
  } finally {
    await app.close();
  }
});
