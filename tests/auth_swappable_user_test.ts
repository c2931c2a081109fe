// A user model of the app's own (Django's AUTH_USER_MODEL): it meets AuthUser, adds a field,
// lives in the app's migrations, and every part of auth works over it.
import assert from "node:assert/strict";
import { App, silentLogger } from "@plinth/plinth";
import { connect, defineModel, field, model } from "@plinth/plinth/model";
import { auth, requireLogin } from "@plinth/plinth/auth";
import { Browser, cheapPasswords } from "./fixtures/auth_app.ts";

const PASSWORD = "violet staple gravity";

function defineMember() {
  return defineModel("Member", {
    username: field.varchar({ maxLength: 150, unique: true }),
    email: field.varchar({ maxLength: 254, default: "" }),
    password: field.varchar({ maxLength: 255, private: true }),
    isActive: field.boolean({ default: true }),
    isStaff: field.boolean({ default: false }),
    isSuperuser: field.boolean({ default: false }),
    lastLogin: field.timestamp({ null: true }),
    dateJoined: field.timestamp({ autoNow: "create" }),
    displayName: field.varchar({ maxLength: 100, default: "" }),
  }, { table: "member" });
}

Deno.test("auth works over a user model of the app's own", async (t) => {
  const dir = await Deno.makeTempDir();
  const Member = defineMember();
  const app = new App({ env: "test", logger: silentLogger })
    .register(model({ url: `${dir}/db`, models: [Member], migrations: `${dir}/migrations` }))
    .register(auth({ userModel: Member, passwords: cheapPasswords() }));
  app.get("/me", requireLogin({ api: true }), (ctx) => {
    const user = ctx.state.user as unknown as { username: string; displayName: string };
    return ctx.json({ username: user.username, displayName: user.displayName });
  });
  try {
    await app.boot();
    await app.db.makeMigrations();
    await app.db.migrate();

    await t.step("users are created in the app's table, with its extra field", async () => {
      assert.equal(app.auth.userModel, Member);
      const ann = await app.auth.createUser({ username: "ann", password: PASSWORD });
      await Member.objects.filter({ pk: ann.id }).update({ displayName: "Ann B." });
      assert.equal(await Member.objects.count(), 1);
      const [{ count }] = await app.db.sql<{ count: number }>`
        SELECT count(*)::int AS count FROM auth_user`;
      assert.equal(count, 0, "the built-in table stays empty");
    });

    await t.step("login, the session's user, logout", async () => {
      const browser = new Browser(app);
      assert.equal((await browser.login("ann", PASSWORD)).status, 200);
      const me = await browser.fetch("/me", { headers: { accept: "application/json" } });
      assert.deepEqual(await me.json(), { username: "ann", displayName: "Ann B." });
      const token = await browser.csrfToken();
      const out = await browser.postJson("/auth/logout", {}, token);
      assert.equal(out.status, 200);
      await out.body?.cancel();
      assert.equal(await browser.me(), 401);
    });

    await t.step("a password change ends the other sessions", async () => {
      const first = new Browser(app);
      const second = new Browser(app);
      assert.equal((await first.login("ann", PASSWORD)).status, 200);
      assert.equal((await second.login("ann", PASSWORD)).status, 200);
      const res = await first.postJson("/auth/password", {
        old_password: PASSWORD,
        new_password: "copper meadow lantern",
      });
      assert.equal(res.status, 200);
      await res.body?.cancel();
      assert.equal(await first.me(), 200);
      assert.equal(await second.me(), 401);
    });
  } finally {
    await app.close();
  }
  try {
    const Again = defineMember();
    const manage = new App({ env: "test", logger: silentLogger })
      .register(model({ url: `${dir}/db`, models: [Again], migrations: `${dir}/migrations` }))
      .register(auth({ userModel: Again, passwords: cheapPasswords() }));
    const lines: string[] = [];
    const args = ["--username", "root", "--email", "r@example.com", "--password", PASSWORD];
    const code = await manage.manage(["createsuperuser", ...args], (line) => lines.push(line));
    assert.equal(code, 0, lines.join("\n"));
    const db = await connect(`${dir}/db`);
    const rows = await db.sql<{ is_superuser: boolean }>`
      SELECT is_superuser FROM member WHERE username = 'root'`;
    await db.close();
    assert.deepEqual(rows, [{ is_superuser: true }], "createsuperuser wrote to the app's table");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
