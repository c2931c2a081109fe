import assert from "node:assert/strict";
import { App, silentLogger } from "@plinth/plinth";
import { model } from "@plinth/plinth/model";
import { cache, RedisStore } from "@plinth/plinth/cache";
import { auth, requireLogin, requirePermission, requireStaff } from "@plinth/plinth/auth";
import { authApp, Browser, cheapPasswords } from "./fixtures/auth_app.ts";

const PASSWORD = "violet staple gravity";

function guardedRoutes(app: App): void {
  app.get("/account", requireLogin(), (ctx) => ctx.text(`hi ${ctx.state.user!.username}`));
  app.get("/admin", requireStaff(), (ctx) => ctx.text("admin"));
  app.get(
    "/posts/:owner/edit",
    requirePermission("blog.change_post", {
      allow: (ctx, user) => ctx.params.owner === user.username,
    }),
    (ctx) => ctx.text("editing"),
  );
}

for (const backend of ["pglite", "postgres"]) {
  Deno.test(`guards and permissions (${backend})`, async (t) => {
    const { app, close } = await authApp(backend, guardedRoutes);
    try {
      const people = {
        ann: await app.auth.createUser({ username: "ann", password: PASSWORD }),
        bob: await app.auth.createUser({ username: "bob", password: PASSWORD }),
      };
      await app.auth.createUser({ username: "staff", password: PASSWORD, isStaff: true });
      const as = async (name: string) => {
        const browser = new Browser(app);
        assert.equal((await browser.login(name, PASSWORD)).status, 200);
        return browser;
      };

      await t.step(
        "requireLogin redirects browsers to the login page with a safe next",
        async () => {
          const res = await app.request("/account?tab=2", { headers: { accept: "text/html" } });
          assert.equal(res.status, 302);
          assert.equal(res.headers.get("location"), "/auth/login?next=%2Faccount%3Ftab%3D2");
          const api = await app.request("/account", { headers: { accept: "application/json" } });
          assert.equal(api.status, 401);
        },
      );

      await t.step("requireStaff refuses non-staff users with 403", async () => {
        const ann = await as("ann");
        assert.equal((await ann.fetch("/admin")).status, 403);
        assert.equal((await (await as("staff")).fetch("/admin")).status, 200);
      });

      await t.step(
        "requirePermission needs the permission and the object-level check",
        async () => {
          const [ann, bob] = [await as("ann"), await as("bob")];
          assert.equal((await ann.fetch("/posts/ann/edit")).status, 403);
          await app.auth.grant(people.ann, "blog.change_post");
          assert.equal((await ann.fetch("/posts/ann/edit")).status, 200);
          assert.equal((await ann.fetch("/posts/bob/edit")).status, 403, "not the owner");
          assert.equal((await bob.fetch("/posts/bob/edit")).status, 403, "no permission");
        },
      );

      await t.step("group permissions count, and superusers have every permission", async () => {
        const { Group } = app.auth.models;
        const group = await Group.objects.create({ name: "editors" });
        const perm = await app.auth.models.Permission.objects.get({
          app: "blog",
          codename: "change_post",
        });
        await Group.related(group, "permissions").add(perm);
        await app.auth.models.User.related(people.bob as never, "groups").add(group);
        const bob = await app.auth.getUser(people.bob.id);
        assert.equal(await app.auth.hasPermission(bob, "blog.change_post"), true);
        assert.equal(await app.auth.hasPermission(bob, "blog.delete_post"), false);
        const root = await app.auth.createUser({ username: "root", isSuperuser: true });
        assert.equal(await app.auth.hasPermission(root, "anything.at_all"), true);
      });
    } finally {
      await close();
    }
  });
}

Deno.test("createsuperuser, changepassword and clearsessions run through manage", async () => {
  const folder = await Deno.makeTempDir();
  const open = () =>
    new App({ env: "test", logger: silentLogger })
      .register(model({ url: folder }))
      .register(auth({ passwords: cheapPasswords() }));
  const lines: string[] = [];
  const print = (line: string) => lines.push(line);
  const first = open();
  await first.boot();
  await first.db.migrate();
  const created = await first.manage(
    ["createsuperuser", "--username", "boss", "--password", "quiet meadow lantern", "--no-input"],
    print,
  );
  assert.equal(created, 0, lines.join("\n"));
  assert.equal(
    await open().manage([
      "createsuperuser",
      "--username",
      "weak",
      "--password",
      "123",
      "--no-input",
    ], print),
    1,
  );
  assert.ok(lines.includes("This password is too common"));
  assert.equal(
    await open().manage(["changepassword", "boss", "--password", "another long phrase"], print),
    0,
  );
  const last = open();
  await last.boot();
  const boss = (await last.auth.models.User.objects.get({ username: "boss" })) as unknown as {
    isSuperuser: boolean;
    password: string;
  };
  assert.equal(boss.isSuperuser, true);
  assert.equal(
    (await last.auth.passwords.verify("another long phrase", boss.password)).valid,
    true,
  );
  assert.ok(await last.auth.models.Permission.objects.filter({ codename: "change_user" }).exists());
  assert.equal(await last.manage(["clearsessions"], print), 0);
  assert.match(lines.at(-1)!, /^Deleted \d+ expired session\(s\)$/);
  await Deno.remove(folder, { recursive: true });
});

Deno.test("sessions in the cache plugin's Redis store survive across requests and end on logout", async () => {
  const url = Deno.env.get("REDIS_URL") ?? "redis://127.0.0.1:6379";
  const prefix = `plinth-auth-test-${crypto.randomUUID().slice(0, 8)}`;
  const app = new App({ env: "test", logger: silentLogger })
    .register(model({ url: "memory://" }))
    .register(cache({ store: new RedisStore({ url }), prefix }))
    .register(auth({ passwords: cheapPasswords(), sessions: "cache" }));
  app.get(
    "/me",
    requireLogin({ api: true }),
    (ctx) => ctx.json({ user: ctx.state.user!.username }),
  );
  await app.boot();
  try {
    assert.equal(await app.cache.set("probe", 1), true, `Redis must be reachable at ${url}`);
    await app.db.migrate();
    await app.auth.createUser({ username: "ann", password: PASSWORD });
    const browser = new Browser(app);
    assert.equal((await browser.login("ann", PASSWORD)).status, 200);
    const cookie = browser.cookie!;
    assert.equal(await browser.me(), 200);
    assert.equal((await app.db.sql`SELECT count(*)::int AS n FROM auth_session`)[0].n, 0);
    await browser.postJson("/auth/logout", {});
    const replay = new Browser(app);
    replay.jar.set("plinth_session", cookie);
    assert.equal(await replay.me(), 401);
  } finally {
    await app.cache.clear();
    await app.close();
  }
});
