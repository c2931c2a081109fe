import assert from "node:assert/strict";
import { type AuthEvent, createToken, Pbkdf2Hasher, revokeToken } from "@plinth/plinth/auth";
import { authApp, Browser } from "./fixtures/auth_app.ts";

const PASSWORD = "violet staple gravity";

for (const backend of ["pglite", "postgres"]) {
  Deno.test(`login, logout and password changes (${backend})`, async (t) => {
    const { app, close } = await authApp(backend, undefined, {
      throttle: {
        account: { failures: 3, windowSeconds: 60 },
        ip: { failures: 5, windowSeconds: 60 },
      },
    });
    try {
      await t.step("a 100k-iteration PBKDF2 hash from Django logs in and is upgraded", async () => {
        const user = await app.auth.createUser({ username: "django" });
        const old = await new Pbkdf2Hasher({ iterations: 100_000 }).encode(PASSWORD);
        await app.auth.models.User.objects.filter({ pk: user.id }).update({ password: old });
        const browser = new Browser(app);
        assert.equal((await browser.login("django", PASSWORD)).status, 200);
        const stored = (await app.auth.getUser(user.id))!.password;
        assert.match(stored, /^argon2\$argon2id\$/);
        assert.equal((await app.auth.passwords.verify(PASSWORD, stored)).valid, true);
        assert.equal(await browser.me(), 200, "the session survives the upgrade");
      });

      await t.step(
        "an unknown user and a wrong password get the same status, body and headers",
        async () => {
          await app.auth.createUser({ username: "ann", password: PASSWORD });
          const snapshot = async (username: string) => {
            const res = await new Browser(app, "10.0.0.1").login(username, "wrong password");
            const headers = [...res.headers].filter(([name]) => name !== "x-request-id");
            return { status: res.status, body: await res.text(), headers };
          };
          const unknown = await snapshot("nobody");
          assert.equal(unknown.status, 401);
          assert.deepEqual(await snapshot("ann"), unknown);
        },
      );

      await t.step("login rotates the session id and the CSRF token (no fixation)", async () => {
        await app.auth.createUser({ username: "fix", password: PASSWORD });
        const browser = new Browser(app);
        const before = await browser.csrfToken();
        const anonymousId = browser.cookie!;
        assert.ok(anonymousId);
        assert.equal((await browser.login("fix", PASSWORD)).status, 200);
        assert.notEqual(browser.cookie, anonymousId);
        const attacker = new Browser(app);
        attacker.jar.set("plinth_session", anonymousId);
        assert.equal(await attacker.me(), 401, "the pre-login id is not adopted");
        const stale = await browser.postJson("/auth/logout", {}, before);
        assert.equal(stale.status, 403, "the pre-login CSRF token fails after login");
        assert.equal(await browser.me(), 200);
      });

      await t.step("a replayed cookie after logout is anonymous", async () => {
        await app.auth.createUser({ username: "leaver", password: PASSWORD });
        const browser = new Browser(app);
        await browser.login("leaver", PASSWORD);
        const stolen = browser.cookie!;
        assert.equal((await browser.postJson("/auth/logout", {})).status, 200);
        assert.equal(browser.cookie, undefined, "the cookie is removed");
        const replay = new Browser(app);
        replay.jar.set("plinth_session", stolen);
        assert.equal(await replay.me(), 401);
      });

      await t.step(
        "a password change ends the user's other sessions and keeps this one",
        async () => {
          const user = await app.auth.createUser({ username: "changer", password: PASSWORD });
          const [laptop, phone] = [new Browser(app), new Browser(app)];
          await laptop.login("changer", PASSWORD);
          await phone.login("changer", PASSWORD);
          const res = await laptop.postJson("/auth/password", {
            old_password: PASSWORD,
            new_password: "another quiet meadow",
          });
          assert.equal(res.status, 200);
          assert.equal(await laptop.me(), 200);
          assert.equal(await phone.me(), 401);
          const rows = await app.db
            .sql`SELECT count(*)::int AS n FROM auth_session WHERE user_ref = ${String(user.id)}`;
          assert.equal(rows[0].n, 1);
        },
      );

      await t.step("a weak new password is refused with the validators' messages", async () => {
        await app.auth.createUser({ username: "weak", password: PASSWORD });
        const browser = new Browser(app);
        await browser.login("weak", PASSWORD);
        const res = await browser.postJson("/auth/password", {
          old_password: PASSWORD,
          new_password: "123456",
        });
        assert.equal(res.status, 400);
        const body = await res.json();
        assert.ok(body.error.errors.includes("This password is too common"));
      });

      await t.step("an inactive user cannot log in, and their sessions end", async () => {
        const user = await app.auth.createUser({ username: "sleeper", password: PASSWORD });
        const browser = new Browser(app);
        await browser.login("sleeper", PASSWORD);
        await app.auth.models.User.objects.filter({ pk: user.id }).update({ isActive: false });
        assert.equal(await browser.me(), 401);
        assert.equal((await new Browser(app, "10.0.0.2").login("sleeper", PASSWORD)).status, 401);
      });

      await t.step("a password over 4 KiB answers 400", async () => {
        const res = await new Browser(app, "10.0.0.3").login("ann", "x".repeat(4097));
        assert.equal(res.status, 400);
      });

      await t.step(
        "too many failures for one account answer 429, even with the right password",
        async () => {
          await app.auth.createUser({ username: "target", password: PASSWORD });
          for (let i = 0; i < 3; i++) {
            const ip = `10.1.0.${i}`;
            assert.equal((await new Browser(app, ip).login("TARGET", "wrong")).status, 401);
          }
          const res = await new Browser(app, "10.1.0.9").login("target", PASSWORD);
          assert.equal(res.status, 429);
          assert.equal(res.headers.get("retry-after"), "60");
        },
      );

      await t.step("too many failures from one address answer 429", async () => {
        const browser = new Browser(app, "10.2.0.1");
        for (let i = 0; i < 5; i++) {
          assert.equal((await browser.login(`u${i}`, "wrong")).status, 401);
        }
        assert.equal((await browser.login("ann", PASSWORD)).status, 429);
        assert.equal((await new Browser(app, "10.2.0.2").login("ann", PASSWORD)).status, 200);
      });

      await t.step("login, logout and failures dispatch events", async () => {
        const seen: string[] = [];
        const record = (e: Event) =>
          seen.push(`${e.type}:${(e as AuthEvent).user?.username ?? (e as AuthEvent).username}`);
        for (const type of ["login", "logout", "login_failed"]) {
          app.auth.events.addEventListener(type, record);
        }
        const browser = new Browser(app, "10.3.0.1");
        await browser.login("ann", "nope");
        await browser.login("ann", PASSWORD);
        await browser.postJson("/auth/logout", {});
        assert.deepEqual(seen, ["login_failed:ann", "login:ann", "logout:ann"]);
        for (const type of ["login", "logout", "login_failed"]) {
          app.auth.events.removeEventListener(type, record);
        }
      });

      await t.step(
        "bearer tokens authenticate without cookies or CSRF, until revoked",
        async () => {
          const user = await app.auth.createUser({ username: "robot", password: PASSWORD });
          const token = await createToken(app.auth, user, "ci");
          const headers = { authorization: `Bearer ${token}`, accept: "application/json" };
          assert.deepEqual(await (await app.request("/me", { headers })).json(), { user: "robot" });
          const rows = await app.db.sql`SELECT key FROM auth_token`;
          assert.ok(rows.every((r) => r.key !== token), "only a digest is stored");
          assert.equal(await revokeToken(app.auth, token), true);
          assert.equal((await app.request("/me", { headers })).status, 401);
          const forged = await app.request("/me", {
            headers: { ...headers, authorization: "Bearer plt_x" },
          });
          assert.equal(forged.status, 401);
        },
      );

      await t.step("the HTML login form redirects to a safe next only", async () => {
        for (
          const [next, expected] of [
            ["/account?x=1", "/account?x=1"],
            ["//evil.com", "/"],
            ["/\\evil.com", "/"],
            ["javascript:alert(1)", "/"],
            ["%2f%2fevil.com", "/"],
          ]
        ) {
          const browser = new Browser(app, "10.4.0.1");
          const page = await (await browser.fetch("/auth/login")).text();
          const token = /name="csrf_token" value="([^"]+)"/.exec(page)![1];
          const res = await browser.fetch("/auth/login", {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({
              username: "ann",
              password: PASSWORD,
              next,
              csrf_token: token,
            }),
          });
          assert.equal(res.status, 303, next);
          assert.equal(res.headers.get("location"), expected, next);
        }
      });
    } finally {
      await close();
    }
  });
}
