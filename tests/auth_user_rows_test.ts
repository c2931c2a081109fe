import assert from "node:assert/strict";
import { App, silentLogger } from "@plinth/plinth";
import { model } from "@plinth/plinth/model";
import {
  Argon2Hasher,
  auth,
  type AuthUser,
  MemorySessionStore,
  Passwords,
} from "@plinth/plinth/auth";
import { jsonLogin } from "./fixtures/auth_app.ts";

const PASSWORD = "violet staple gravity";

for (const store of ["database", "memory"] as const) {
  Deno.test(`the session's user equals the ORM's row, timestamps included (${store} store)`, async () => {
    const app = new App({ env: "test", logger: silentLogger })
      .register(model({ url: "memory://" }))
      .register(auth({
        passwords: new Passwords({ hashers: [new Argon2Hasher({ memoryKiB: 64, iterations: 1 })] }),
        sessions: store === "database" ? "database" : new MemorySessionStore(),
      }));
    let seen: AuthUser | undefined;
    app.get("/me", (ctx) => {
      seen = ctx.state.user;
      return ctx.text("ok");
    });
    await app.boot();
    await app.db.migrate();
    try {
      const { User } = app.auth.models;
      await app.auth.createUser({ username: "ann", password: PASSWORD });
      const cookie = await jsonLogin(app, "ann", PASSWORD);
      const me = async () => {
        await (await app.request("/me", { headers: { cookie } })).body?.cancel();
        return seen;
      };
      for (const lastLogin of [new Date(Date.UTC(1969, 11, 31, 23, 59, 59, 999)), null]) {
        await User.objects.filter({ username: "ann" }).update({ lastLogin });
        const user = await me();
        assert.deepEqual(user, await User.objects.get({ username: "ann" }));
        assert.ok(user!.dateJoined instanceof Date);
      }
    } finally {
      await app.close();
    }
  });
}
