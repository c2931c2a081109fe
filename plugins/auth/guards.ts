import { type Context, HttpError, type Middleware } from "../../core/mod.ts";
import type { AuthUser } from "./user.ts";

/** Options of {@linkcode requireLogin}. */
export interface RequireLoginOptions {
  /** Answer 401 JSON instead of redirecting, for APIs; default: by the `Accept` header. */
  readonly api?: boolean;
}

/**
 * Route middleware letting only logged-in users through. Others are redirected to the login
 * route with `?next=<this path>` (browsers), or get 401 JSON (APIs: `api: true`, or requests
 * that accept JSON and not HTML, or when no login route is mounted).
 *
 * @param options Whether the route is an API.
 * @returns The middleware.
 *
 * @example Guarding a page
 * ```ts ignore
 * app.get("/account", requireLogin(), (ctx) => ctx.text(`Hello, ${ctx.state.user!.username}`));
 * ```
 */
export function requireLogin(options: RequireLoginOptions = {}): Middleware {
  return async function loginRequired(ctx, next) {
    if (ctx.state.user === undefined) return refuse(ctx, options.api);
    return await next();
  };
}

/** Options of {@linkcode requirePermission}. */
export interface RequirePermissionOptions extends RequireLoginOptions {
  /**
   * An object-level check run after the permission check passes, such as "is the author of
   * this post": `false` answers 403.
   */
  readonly allow?: (ctx: Context, user: AuthUser) => boolean | Promise<boolean>;
}

/**
 * Route middleware requiring permission `name` (`"blog.change_post"`), and optionally an
 * object-level check: anonymous requests are treated as by {@linkcode requireLogin}; logged-in
 * users without the permission get 403.
 *
 * @param name The permission, `"<app>.<codename>"`.
 * @param options The object-level check and API mode.
 * @returns The middleware.
 *
 * @example Only authors with the permission may edit
 * ```ts ignore
 * app.post("/posts/:id/edit", requirePermission("blog.change_post", {
 *   allow: async (ctx, user) => (await Post.objects.get({ pk: Number(ctx.params.id) })).authorId === user.id,
 * }), editPost);
 * ```
 */
export function requirePermission(
  name: string,
  options: RequirePermissionOptions = {},
): Middleware {
  return async function permissionRequired(ctx, next) {
    const user = ctx.state.user;
    if (user === undefined) return refuse(ctx, options.api);
    if (!await ctx.auth.hasPermission(user, name)) throw new HttpError(403, "Permission denied");
    if (options.allow !== undefined && !await options.allow(ctx, user)) {
      throw new HttpError(403, "Permission denied");
    }
    return await next();
  };
}

/**
 * Route middleware letting only active staff users through (Django's `staff_member_required`);
 * other users get 403, anonymous requests are treated as by {@linkcode requireLogin}.
 *
 * @param options API mode.
 * @returns The middleware.
 *
 * @example Guarding an admin page
 * ```ts ignore
 * app.get("/admin", requireStaff(), adminHome);
 * ```
 */
export function requireStaff(options: RequireLoginOptions = {}): Middleware {
  return async function staffRequired(ctx, next) {
    const user = ctx.state.user;
    if (user === undefined) return refuse(ctx, options.api);
    if (!user.isStaff || !user.isActive) throw new HttpError(403, "Staff only");
    return await next();
  };
}

function refuse(ctx: Context, api: boolean | undefined): Response {
  const route = ctx.auth.loginRoute;
  const accept = ctx.request.headers.get("accept") ?? "";
  const wantsJson = api ?? (accept.includes("json") && !accept.includes("html"));
  if (wantsJson || route === undefined) {
    throw new HttpError(401, "Authentication required", {
      headers: { "www-authenticate": 'Bearer realm="api"' },
    });
  }
  return ctx.redirect(ctx.app.url(route, {}, { next: ctx.url.pathname + ctx.url.search }));
}
