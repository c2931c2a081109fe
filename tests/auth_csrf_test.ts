import assert from "node:assert/strict";
import type { App } from "@plinth/plinth";
import { authApp, Browser } from "./fixtures/auth_app.ts";

const PASSWORD = "violet staple gravity";

function csrfRoutes(app: App): void {
  app.get("/page", (ctx) => ctx.text(`anonymous: ${ctx.state.user === undefined}`));
  app.post("/api/items", (ctx) => ctx.json({ ok: true, user: ctx.state.user?.username ?? null }));
  app.post("/hooks/in", (ctx) => ctx.text("hook"), { meta: { csrfExempt: true } });
  app.post("/hooks/other", (ctx) => ctx.text("hook"), { meta: { csrfExempt: "yes" } });
}

async function sessionRows(app: App): Promise<number> {
  return (await app.db.sql`SELECT count(*)::int AS n FROM auth_session`)[0].n as number;
}

for (const backend of ["pglite", "postgres"]) {
  Deno.test(`sessions and CSRF (${backend})`, async (t) => {
    const { app, close } = await authApp(backend, csrfRoutes);
    try {
      await t.step("1,000 anonymous GETs store no session", async () => {
        for (let i = 0; i < 1000; i++) {
          const res = await app.request("/page");
          assert.equal(res.headers.get("set-cookie"), null);
          await res.body?.cancel();
        }
        assert.equal(await sessionRows(app), 0);
      });

      await t.step(
        "forged, tampered, duplicate and __proto__ cookies are anonymous, never 500",
        async () => {
          await app.auth.createUser({ username: "ann", password: PASSWORD });
          const browser = new Browser(app);
          await browser.login("ann", PASSWORD);
          const real = browser.cookie!;
          const tampered = real.slice(0, -1) + (real.endsWith("A") ? "B" : "A");
          for (
            const cookie of [
              "plinth_session=" + "A".repeat(43),
              "plinth_session=" + tampered,
              "plinth_session=" + real + "x",
              "plinth_session=%ZZ",
              "plinth_session=" + "x".repeat(5000),
              `plinth_session=${"A".repeat(43)}; plinth_session=${real}`,
              "__proto__=1; constructor=2; plinth_session=__proto__",
              "plinth_session=constructor",
              "plinth_session=; =; ;;",
            ]
          ) {
            const res = await app.request("/page", { headers: { cookie } });
            assert.equal(res.status, 200, cookie);
            assert.equal(await res.text(), "anonymous: true", cookie);
          }
          const ok = await app.request("/page", { headers: { cookie: `plinth_session=${real}` } });
          assert.equal(await ok.text(), "anonymous: false");
        },
      );

      await t.step(
        "the session cookie is HttpOnly, SameSite=Lax, Path=/, and __Host- over TLS",
        async () => {
          const plain = await app.request("/auth/login", {
            headers: { accept: "application/json" },
          });
          const line = plain.headers.get("set-cookie")!;
          assert.match(
            line,
            /^plinth_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/,
          );
          const tls = await app.request(
            new Request("https://localhost/auth/login", {
              headers: { accept: "application/json" },
            }),
          );
          assert.match(
            tls.headers.get("set-cookie")!,
            /^__Host-plinth_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=\d+; Secure; HttpOnly; SameSite=Lax$/,
          );
          assert.equal(tls.headers.get("vary"), "Cookie");
        },
      );

      const browser = new Browser(app);
      const post = async (
        init: { headers?: Record<string, string>; body?: string; token?: string | null },
      ) => {
        const headers: Record<string, string> = {
          "content-type": "application/json",
          ...init.headers,
        };
        if (init.token !== null) headers["x-csrf-token"] = init.token ?? await browser.csrfToken();
        const res = await browser.fetch("/api/items", {
          method: "POST",
          headers,
          body: init.body ?? "{}",
        });
        await res.body?.cancel();
        return res.status;
      };

      await t.step("a POST with a valid token and same-origin headers is allowed", async () => {
        assert.equal(await post({}), 200);
        assert.equal(
          await post({ headers: { origin: "http://localhost", "sec-fetch-site": "same-origin" } }),
          200,
        );
      });

      await t.step("a POST without a token is refused with 403", async () => {
        assert.equal(await post({ token: null }), 403);
        assert.equal(await post({ token: null, headers: { origin: "http://localhost" } }), 403);
      });

      await t.step("another session's token is refused with 403", async () => {
        const other = await new Browser(app).csrfToken();
        assert.equal(await post({ token: other }), 403);
      });

      await t.step(
        "cross-site Origin and Sec-Fetch-Site headers are refused with 403",
        async () => {
          for (
            const headers of <Record<string, string>[]> [
              { origin: "https://evil.example" },
              { origin: "null" },
              { origin: "https://localhost" },
              { origin: "http://localhost:8080" },
              { "sec-fetch-site": "cross-site" },
              { "sec-fetch-site": "same-site" },
            ]
          ) {
            assert.equal(await post({ headers }), 403, JSON.stringify(headers));
          }
        },
      );

      await t.step("a text/plain body on a JSON endpoint is refused with 403", async () => {
        const res = await browser.fetch("/api/items", {
          method: "POST",
          headers: { "content-type": "text/plain" },
          body: JSON.stringify({ csrf_token: await browser.csrfToken() }),
        });
        assert.equal(res.status, 403);
        await res.body?.cancel();
      });

      await t.step("a form field carries the token as well as the header", async () => {
        const res = await browser.fetch("/api/items", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ csrf_token: await browser.csrfToken() }),
        });
        assert.equal(res.status, 200);
        await res.body?.cancel();
      });

      await t.step(
        "a route with meta csrfExempt: true skips the token and the origin check",
        async () => {
          const cookie = `plinth_session=${browser.cookie}`;
          const cases: Record<string, string>[] = [
            {},
            { cookie },
            { cookie, origin: "https://evil.example" },
          ];
          for (const headers of cases) {
            const res = await app.request("/hooks/in", { method: "POST", body: "x", headers });
            assert.equal(res.status, 200, JSON.stringify(headers));
            assert.equal(await res.text(), "hook");
          }
        },
      );

      await t.step("only meta csrfExempt: true exempts a route", async () => {
        const res = await app.request("/hooks/other", { method: "POST", body: "x" });
        assert.equal(res.status, 403);
        await res.body?.cancel();
      });
    } finally {
      await close();
    }
  });
}
