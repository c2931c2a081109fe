import type { Middleware, View } from "./middleware.ts";
import { parsePattern } from "./_pattern.ts";

/** Per-route options, given as the last argument of `get()`, `post()` and the like. */
export interface RouteOptions {
  /** The name for reverse routing with `app.url(name)`; namespaces of mounts are prefixed. */
  name?: string;
  /** The largest request body this route accepts, in bytes; defaults to the app's. */
  bodyLimit?: number;
  /** The deadline in milliseconds after which the request answers 503; `false` for none. */
  timeout?: number | false;
  /**
   * Facts about the route for middleware and plugins, read as `ctx.route.meta`, such as
   * `{ csrfExempt: true }` (Django's view decorators that set attributes).
   */
  meta?: Readonly<Record<string, unknown>>;
}

/**
 * The arguments after the path: route middleware, then the view, then optional route options.
 * Every function shares the middleware signature so that TypeScript types `ctx` in each; the
 * view simply ignores `next`.
 */
export type RouteArgs = [...Middleware[], Middleware | RouteOptions];

/** A route as recorded, before boot. Internal. */
export interface RouteRecord {
  readonly method: string;
  readonly path: string;
  readonly middleware: readonly Middleware[];
  readonly view: View;
  readonly options: RouteOptions;
}

/** What a router has recorded. Internal. */
export interface RouterRecords {
  readonly routes: RouteRecord[];
  readonly middleware: { readonly prefix: string; readonly fn: Middleware }[];
  readonly mounts: {
    readonly prefix: string;
    readonly router: Router;
    readonly namespace?: string;
  }[];
}

let access!: { records(router: Router): RouterRecords; freeze(router: Router): void };

/**
 * A group of routes with their own middleware, mounted into an app under a prefix and a
 * namespace, like Django's `include()`. The `App` is itself a router.
 *
 * @example A route group with a namespace
 * ```ts
 * import { App, Router } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * const blog = new Router();
 * blog.get("/posts/:slug", (ctx) => ctx.text(ctx.params.slug), { name: "post-detail" });
 * const app = new App({ env: "test" });
 * app.mount("/blog", blog, { namespace: "blog" });
 * await app.boot();
 * assert.equal(app.url("blog:post-detail", { slug: "hello world" }), "/blog/posts/hello%20world");
 * ```
 */
export class Router {
  readonly #records: RouterRecords = { routes: [], middleware: [], mounts: [] };
  #frozen = false;

  static {
    access = {
      records: (router) => router.#records,
      freeze: (router) => {
        router.#frozen = true;
      },
    };
  }

  /** Adds a GET route (HEAD requests are served by it too). */
  get(path: string, ...args: RouteArgs): this {
    return this.on("GET", path, ...args);
  }

  /** Adds a POST route. */
  post(path: string, ...args: RouteArgs): this {
    return this.on("POST", path, ...args);
  }

  /** Adds a PUT route. */
  put(path: string, ...args: RouteArgs): this {
    return this.on("PUT", path, ...args);
  }

  /** Adds a PATCH route. */
  patch(path: string, ...args: RouteArgs): this {
    return this.on("PATCH", path, ...args);
  }

  /** Adds a DELETE route. */
  delete(path: string, ...args: RouteArgs): this {
    return this.on("DELETE", path, ...args);
  }

  /** Adds an OPTIONS route, replacing the automatic `Allow` answer for its path. */
  options(path: string, ...args: RouteArgs): this {
    return this.on("OPTIONS", path, ...args);
  }

  /** Adds a route for every method. */
  all(path: string, ...args: RouteArgs): this {
    return this.on("*", path, ...args);
  }

  /**
   * Adds a route for one method or several.
   *
   * @param methods An HTTP method, a list of them, or `"*"` for all.
   * @param path The pattern: static text, `:param`, `:param{regex}`, `:param?`, trailing `*`.
   * @param args Route middleware, the view, and optional route options.
   * @throws {Error} After boot, when routes can no longer change.
   */
  on(methods: string | readonly string[], path: string, ...args: RouteArgs): this {
    this.#assertOpen(`add route "${path}"`);
    parsePattern(path);
    const last = args[args.length - 1];
    const options: RouteOptions = typeof last === "function" ? {} : last;
    const handlers =
      (typeof last === "function" ? args : args.slice(0, -1)) as (Middleware | View)[];
    if (handlers.length === 0 || handlers.some((h) => typeof h !== "function")) {
      throw new TypeError(`Cannot add route "${path}": give middleware, then a view function`);
    }
    const view = handlers[handlers.length - 1] as View;
    const middleware = handlers.slice(0, -1) as Middleware[];
    for (const method of typeof methods === "string" ? [methods] : methods) {
      this.#records.routes.push({ method: method.toUpperCase(), path, middleware, view, options });
    }
    return this;
  }

  /**
   * Adds middleware for every route of this router (and of routers mounted into it).
   *
   * @throws {Error} After boot.
   */
  use(middleware: Middleware): this;
  /**
   * Adds middleware for the routes under `prefix` only, attached to them at boot.
   *
   * @throws {Error} After boot.
   */
  use(prefix: string, middleware: Middleware): this;
  use(first: string | Middleware, second?: Middleware): this {
    const [prefix, fn] = typeof first === "string" ? [first, second] : ["", first];
    this.#assertOpen("add middleware");
    if (typeof fn !== "function") throw new TypeError("Cannot add middleware: give a function");
    this.#records.middleware.push({ prefix: normalisePrefix(prefix), fn });
    return this;
  }

  /**
   * Mounts another router's routes under `prefix`; with a namespace, their names become
   * `"namespace:name"`.
   *
   * @throws {Error} After boot.
   */
  mount(prefix: string, router: Router, options: { namespace?: string } = {}): this {
    this.#assertOpen(`mount "${prefix}"`);
    if (router === this) throw new TypeError("Cannot mount a router into itself");
    this.#records.mounts.push({ prefix: normalisePrefix(prefix), router, ...options });
    return this;
  }

  #assertOpen(action: string): void {
    if (this.#frozen) {
      throw new Error(`Cannot ${action}: the app has booted; register everything before serving`);
    }
  }
}

function normalisePrefix(prefix: string): string {
  if (prefix !== "" && !prefix.startsWith("/")) {
    throw new TypeError(`Cannot use prefix "${prefix}": prefixes start with "/"`);
  }
  return prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
}

/** Internal accessors for the app's compiler: not part of the public API. */
export { access as routerInternals };
