import { type Context, HttpError, Router } from "../../core/mod.ts";
import { type FormField, formFragment } from "./_html.ts";
import { authenticate, login, logout } from "./login.ts";
import { requireLogin } from "./guards.ts";
import { safeNext } from "./safe_next.ts";

const INVALID = "Please enter a correct username and password";

/**
 * The auth views, mounted by the plugin under `/auth` with namespace `auth`: `auth:login`
 * (`GET` form, `POST` credentials), `auth:logout` (`POST`) and `auth:password` (change the
 * password, logged-in users). Each answers HTML forms to browsers, as pages made by
 * `app.renderDocument()` (inside the app layout when the templating plugin is registered), and
 * JSON to requests with a JSON body or `Accept: application/json`; a JSON client gets its CSRF
 * token from `GET /auth/login`.
 *
 * @returns A router with the three views.
 *
 * @example Mounting the views elsewhere
 * ```ts ignore
 * app.register(auth({ views: false }));
 * app.mount("/account", authViews(), { namespace: "auth" });
 * ```
 */
export function authViews(): Router {
  const router = new Router();
  router.get("/login", loginForm, { name: "login" });
  router.post("/login", loginSubmit);
  router.post("/logout", logoutView, { name: "logout" });
  router.get("/password", requireLogin(), passwordForm, { name: "password" });
  router.post("/password", requireLogin(), passwordSubmit);
  return router;
}

function wantsJson(ctx: Context): boolean {
  const type = ctx.request.headers.get("content-type") ?? "";
  const accept = ctx.request.headers.get("accept") ?? "";
  return type.startsWith("application/json") ||
    (accept.includes("json") && !accept.includes("html"));
}

async function readInput(ctx: Context): Promise<Record<string, unknown>> {
  if ((ctx.request.headers.get("content-type") ?? "").startsWith("application/json")) {
    const body = await ctx.body.json();
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new HttpError(400, "Expected a JSON object");
    }
    return body as Record<string, unknown>;
  }
  return Object.fromEntries(
    [...(await ctx.body.form()).entries()].filter(([, v]) => typeof v === "string"),
  );
}

/** A page with one form, through the app's document renderer (templating's, when registered). */
function formPage(
  ctx: Context,
  title: string,
  fields: readonly FormField[],
  page: { errors: string[]; status: number },
): Response | Promise<Response> {
  const html = formFragment(title, fields, {
    csrfToken: ctx.state.csrfToken!,
    errors: page.errors,
    submit: title,
  });
  return ctx.app.renderDocument(ctx, { title, html, status: page.status });
}

function loginPage(ctx: Context, errors: string[], status = 200): Response | Promise<Response> {
  return formPage(ctx, "Log in", [
    { name: "username", label: "Username", type: "text", autocomplete: "username" },
    { name: "password", label: "Password", type: "password", autocomplete: "current-password" },
    { name: "next", label: "", type: "hidden", value: ctx.query.get("next") ?? "" },
  ], { errors, status });
}

function loginForm(ctx: Context): Response | Promise<Response> {
  if (wantsJson(ctx)) return ctx.json({ csrfToken: ctx.state.csrfToken });
  return loginPage(ctx, []);
}

async function loginSubmit(ctx: Context): Promise<Response> {
  const input = await readInput(ctx);
  const user = await authenticate(ctx, { username: input.username, password: input.password });
  if (user === undefined) {
    if (wantsJson(ctx)) return ctx.json({ error: INVALID }, 401);
    return loginPage(ctx, [INVALID], 401);
  }
  await login(ctx, user);
  if (wantsJson(ctx)) {
    return ctx.json({
      user: { id: user.id, username: user.username },
      csrfToken: ctx.state.csrfToken,
    });
  }
  const next = typeof input.next === "string" ? input.next : ctx.query.get("next");
  return ctx.redirect(safeNext(ctx, next), { status: 303 });
}

async function logoutView(ctx: Context): Promise<Response> {
  await logout(ctx);
  if (wantsJson(ctx)) return ctx.json({ ok: true });
  return ctx.redirect("/", { status: 303 });
}

function passwordPage(ctx: Context, errors: string[], status = 200): Response | Promise<Response> {
  return formPage(ctx, "Change password", [
    {
      name: "old_password",
      label: "Current password",
      type: "password",
      autocomplete: "current-password",
    },
    { name: "new_password", label: "New password", type: "password", autocomplete: "new-password" },
  ], { errors, status });
}

function passwordForm(ctx: Context): Response | Promise<Response> {
  if (wantsJson(ctx)) return ctx.json({ csrfToken: ctx.state.csrfToken });
  return passwordPage(ctx, []);
}

async function passwordSubmit(ctx: Context): Promise<Response> {
  const user = ctx.state.user!;
  const input = await readInput(ctx);
  const { old_password: old, new_password: fresh } = input;
  const errors: string[] = [];
  if (typeof old !== "string" || !(await ctx.auth.passwords.verify(old, user.password)).valid) {
    errors.push("Your current password was entered incorrectly");
  } else if (typeof fresh !== "string") {
    errors.push("Enter a new password");
  } else {
    errors.push(...ctx.auth.validatePassword(fresh, user));
  }
  if (errors.length > 0) {
    if (wantsJson(ctx)) throw new HttpError(400, "Password not changed", { details: { errors } });
    return passwordPage(ctx, errors, 400);
  }
  await ctx.auth.setPassword(user, fresh as string, ctx);
  if (wantsJson(ctx)) return ctx.json({ ok: true });
  return ctx.redirect("/", { status: 303 });
}
