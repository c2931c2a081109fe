import assert from "node:assert/strict";
import { App } from "../../core/mod.ts";
import { DEFAULT_REDACTED, REDACTED, Redactor } from "./_redact.ts";
import { logging, memorySink } from "./mod.ts";

const redactor = new Redactor(DEFAULT_REDACTED);

Deno.test("Redactor matches credential names in any case and spelling", () => {
  for (
    const name of [
      "Authorization",
      "proxy-authorization",
      "cookie",
      "Set-Cookie",
      "password",
      "newPassword",
      "csrf",
      "csrfToken",
      "X-CSRF-Token",
      "csrfmiddlewaretoken",
      "access_token",
      "token",
      "client_secret",
      "X-Api-Key",
    ]
  ) {
    assert.equal(redactor.matches(name), true, name);
  }
  for (const name of ["path", "status", "requestId", "userId", "method", "route"]) {
    assert.equal(redactor.matches(name), false, name);
  }
});

Deno.test("Redactor replaces values at any depth of objects, arrays and Headers", () => {
  const headers = new Headers({ authorization: "Bearer abc", accept: "text/html" });
  const input = {
    user: { name: "ann", password: "hunter2", sessions: [{ token: "t1" }, { id: 3 }] },
    headers,
    cookie: { sid: "x" },
  };
  assert.deepEqual(redactor.apply(input), {
    user: { name: "ann", password: REDACTED, sessions: [{ token: REDACTED }, { id: 3 }] },
    headers: { accept: "text/html", authorization: REDACTED },
    cookie: REDACTED,
  });
  assert.equal(input.user.password, "hunter2");
  assert.equal(headers.get("authorization"), "Bearer abc");
});

Deno.test("Redactor returns the same object when nothing is sensitive", () => {
  const properties = { method: "GET", nested: { list: [1, 2, { ok: true }] } };
  assert.equal(redactor.apply(properties), properties);
});

Deno.test("Redactor leaves cycles, errors and class instances alone instead of recursing forever", () => {
  const cyclic: Record<string, unknown> = { name: "loop", secret: "s" };
  cyclic.self = cyclic;
  const error = new Error("boom");
  const result = redactor.apply({ cyclic, error, when: new Date(0) });
  assert.equal((result.cyclic as Record<string, unknown>).secret, REDACTED);
  assert.equal(result.error, error);
  assert.deepEqual(result.when, new Date(0));
});

Deno.test("the plugin redacts defaults and configured names before any sink sees them", async () => {
  const sink = memorySink();
  const app = new App({ env: "test" }).register(logging({
    console: false,
    level: "info",
    sinks: [sink],
    redact: ["ssn"],
  }));
  app.post("/login", async (ctx) => {
    const form = await ctx.body.json() as Record<string, string>;
    ctx.log.info("Login attempt", { form, headers: ctx.request.headers });
    return ctx.text("ok");
  });
  await app.request("/login", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      cookie: "sid=abc",
      authorization: "Basic eA==",
      "x-csrf-token": "t",
    },
    body: JSON.stringify({ username: "ann", password: "hunter2", csrfToken: "t", ssn: "123" }),
  });
  const attempt = sink.records.find((r) => r.message === "Login attempt")!;
  assert.deepEqual(attempt.properties.form, {
    username: "ann",
    password: REDACTED,
    csrfToken: REDACTED,
    ssn: REDACTED,
  });
  const headers = attempt.properties.headers as Record<string, string>;
  assert.equal(headers.cookie, REDACTED);
  assert.equal(headers.authorization, REDACTED);
  assert.equal(headers["x-csrf-token"], REDACTED);
  assert.doesNotMatch(JSON.stringify(sink.records), /hunter2|sid=abc|eA==/);
  await app.close();
});
