import { type App, type Context, escapeHtml } from "../../mod.ts";
import { connect, identifier, model } from "../../plugins/model/mod.ts";
import { cache, RedisStore } from "../../plugins/cache/mod.ts";
import { Argon2Hasher, auth, Passwords } from "../../plugins/auth/mod.ts";
import type { Handler } from "../_scenario.ts";
import { benchApp } from "./_plinth.ts";

/** The page both auth servers serve. */
export const AUTH_PAGE_PATH = "/dashboard";
/** Logged-in users whose sessions the requests take turns with, as many as wrk's connections. */
export const USERS = 64;
const PASSWORD = "bench passphrase for auth";

const ORDERS = Array.from({ length: 20 }, (_, i) => ({
  id: 1040 + i,
  customer: `Zoë & Björn <shop #${i}>`,
  total: (i * 7.25 + 19.9).toFixed(2),
  status: i % 3 === 0 ? "shipped" : "pending",
}));

/**
 * A modest logged-in page, rendered on every request as a view would: a list of 20 orders with
 * every value escaped, about 3 KB. Its bytes do not depend on the theme or the user as the
 * bench sets them up, since the harness checks that all servers answer the same bytes.
 */
export function dashboardHtml(theme: string, active: boolean): string {
  const heading = active ? "Recent orders" : "Inactive";
  const rows = ORDERS.map((order) =>
    `<li class="${order.status}"><a href="/orders/${order.id}">Order ${order.id}</a> ` +
    `for ${escapeHtml(order.customer)}: ${escapeHtml(order.total)} EUR ` +
    `<span>${escapeHtml(order.status)}</span></li>`
  ).join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dashboard</title>` +
    `</head><body data-theme="${escapeHtml(theme)}"><h1>${heading}</h1><ul>\n${rows}\n</ul>` +
    `<footer>Rendered for this request.</footer></body></html>`;
}

/** The dashboard as a Plinth view: it reads the session and its user. */
function dashboard(ctx: Context): Response {
  const theme = String(ctx.state.session?.get("theme") ?? "light");
  const html = dashboardHtml(theme, ctx.state.user?.isActive !== false);
  return ctx.html(html, { headers: { vary: "Cookie" } });
}

/**
 * A production-mode app with model (PostgreSQL at DATABASE_URL, in its own schema) and auth
 * (sessions in the database or in Redis) serving {@linkcode dashboard}. With `loggedIn`, the
 * requests carry, in turn, the session cookies of 64 logged-in users, as their browsers would.
 * Passwords are hashed cheaply: logins only set the sessions up, they are not measured.
 */
export async function authServer(
  options: { loggedIn: boolean; sessions: "database" | "cache"; schema: string },
): Promise<Handler> {
  const url = Deno.env.get("DATABASE_URL") ?? "postgres://postgres@127.0.0.1:5432/test";
  const admin = await connect(url);
  await admin.sql`DROP SCHEMA IF EXISTS ${identifier(options.schema)} CASCADE`;
  await admin.sql`CREATE SCHEMA ${identifier(options.schema)}`;
  await admin.close();
  let app: App = benchApp().register(model({ url, schema: options.schema }));
  if (options.sessions === "cache") {
    const redis = Deno.env.get("REDIS_URL") ?? "redis://127.0.0.1:6379";
    app = app.register(cache({ store: new RedisStore({ url: redis }), prefix: options.schema }));
  }
  const passwords = new Passwords({
    hashers: [new Argon2Hasher({ memoryKiB: 64, iterations: 1 })],
  });
  app.register(auth({ sessions: options.sessions, passwords }));
  app.get(AUTH_PAGE_PATH, dashboard);
  await app.boot();
  await app.db.migrate();
  const cookies: string[] = [];
  for (let i = 0; i < USERS; i++) {
    await app.auth.createUser({ username: `bench${i}`, password: PASSWORD });
    if (options.loggedIn) cookies.push(await logIn(app, `bench${i}`));
  }
  return withCookies(cookies, app.fetch);
}

/**
 * Gives the requests `handler` sees the `cookies` in turn, as that many browsers would; with
 * none, copies the request all the same, so that both sides of a pair pay for the copy.
 */
export function withCookies(cookies: readonly string[], handler: Handler): Handler {
  let turn = 0;
  return (request, info) => {
    const headers = new Headers(request.headers);
    if (cookies.length > 0) headers.set("cookie", cookies[turn++ % cookies.length]);
    return handler(new Request(request.url, { method: request.method, headers }), info);
  };
}

async function logIn(app: App, username: string): Promise<string> {
  const json = { accept: "application/json", host: "localhost" };
  const form = await app.request("http://localhost/auth/login", { headers: json });
  const { csrfToken } = await form.json();
  const anonymous = form.headers.get("set-cookie")!.split(";")[0];
  const res = await app.request("http://localhost/auth/login", {
    method: "POST",
    headers: {
      ...json,
      cookie: anonymous,
      "content-type": "application/json",
      "x-csrf-token": csrfToken,
    },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`Cannot log the bench user in: ${res.status}`);
  return res.headers.get("set-cookie")!.split(";")[0];
}
