import type { RouteTable } from "./_compile.ts";
import {
  type Context,
  contextInternals,
  type ContextRuntime,
  type RouteLimits,
} from "./context.ts";
import { declaredTooLarge } from "./_body.ts";
import type { Deadlines } from "./_deadlines.ts";
import { publicError, renderError } from "./_error_view.ts";
import type { HostValidator } from "./_host.ts";
import { HttpError } from "./http_error.ts";
import type { Logger } from "./logger.ts";
import { compose, composeOuter, type OuterMiddleware, type View } from "./middleware.ts";
import { canonicalSegments } from "./_path.ts";
import { completeHeaders } from "./_response.ts";

/** Turns an error into a response; set with `app.onError()`. */
export type ErrorHandler = (error: unknown, ctx: Context) => Response | Promise<Response>;

/** Everything the request pipeline needs, fixed at boot. Internal. */
export interface PipelineConfig {
  readonly table: RouteTable;
  readonly hosts: HostValidator;
  readonly Ctx: new (
    r: Request,
    i: Deno.ServeHandlerInfo | undefined,
    rt: ContextRuntime,
  ) => Context;
  readonly runtime: ContextRuntime;
  readonly preRouting: readonly OuterMiddleware[];
  readonly deadlines: Deadlines;
  readonly fallbackLimits: RouteLimits;
  readonly redirectSlash: boolean;
  readonly debug: boolean;
  readonly log: () => Logger;
  readonly onError: ErrorHandler | undefined;
  readonly notFound: View | undefined;
}

const NO_BODY = new Set(["GET", "HEAD", "OPTIONS"]);
const SLASH = 47;
const EMPTY: Readonly<Record<string, string>> = Object.freeze(Object.create(null));
const { init, timeout, expire, usedId, cookieJar, complete, vary } = contextInternals;

/**
 * The per-request path: pre-routing middleware, host check, path canonicalisation, routing,
 * body limit, the route's chain under its deadline, error rendering, then headers on the way out.
 * Everything it can decide at boot it decided then.
 */
export class Pipeline {
  readonly #c: PipelineConfig;
  readonly #outer: View | undefined;
  readonly #fallback: (view: View) => (ctx: Context) => Promise<Response>;
  readonly #notFound: (ctx: Context) => Promise<Response>;
  /** The last allowed request's `scheme://authority` and host. */
  #origin: { readonly prefix: string; readonly host: string } | undefined;

  constructor(config: PipelineConfig) {
    this.#c = config;
    const respond: View = (ctx) => this.#respond(ctx);
    this.#outer = config.preRouting.length > 0
      ? composeOuter(config.preRouting, respond)
      : undefined;
    this.#fallback = (view) => {
      const chain = compose(config.table.globalMiddleware, view);
      return (ctx) => Promise.resolve().then(() => chain(ctx));
    };
    this.#notFound = this.#fallback(config.notFound ?? notFound);
  }

  /** Serves one request; never throws. */
  handle = (request: Request, info?: Deno.ServeHandlerInfo): Response | Promise<Response> => {
    const ctx = new this.#c.Ctx(request, info, this.#c.runtime);
    let result: Response | Promise<Response>;
    try {
      // Without before-routing middleware, #finish and #finishError do #respond's work.
      result = this.#outer === undefined ? this.#route(ctx) : this.#outer(ctx);
    } catch (error) {
      return this.#finishError(ctx, error);
    }
    if (!(result instanceof Promise)) return this.#finish(ctx, result);
    const ms = this.#outer === undefined ? timeout(ctx) : false;
    if (ms === false) {
      return result.then((res) => this.#finish(ctx, res), (error) => this.#finishError(ctx, error));
    }
    // One promise serves both the view's result and its deadline, whichever settles first.
    return new Promise((resolve) => {
      let settled = false;
      const settle = (produce: () => Response | Promise<Response>) => {
        if (settled) return;
        settled = true;
        this.#c.deadlines.cancel(entry);
        resolve(produce());
      };
      const entry = this.#c.deadlines.add(ms, () => settle(() => this.#expire(ctx)));
      result.then(
        (res) => settle(() => this.#finish(ctx, res)),
        (error) => settle(() => this.#finishError(ctx, error)),
      );
    });
  };

  #expire(ctx: Context): Response | Promise<Response> {
    expire(ctx, new DOMException("The request's deadline passed", "TimeoutError"));
    return this.#finishError(ctx, TIMED_OUT());
  }

  #finishError(ctx: Context, error: unknown): Response | Promise<Response> {
    const res = this.#error(ctx, error);
    return res instanceof Promise ? res.then((r) => this.#finish(ctx, r)) : this.#finish(ctx, res);
  }

  #respond(ctx: Context): Response | Promise<Response> {
    let result: Response | Promise<Response>;
    try {
      result = this.#route(ctx);
    } catch (error) {
      return this.#error(ctx, error);
    }
    if (result instanceof Promise) {
      return result.then((res) => flushCookies(ctx, res), (error) => this.#error(ctx, error));
    }
    return flushCookies(ctx, result);
  }

  #route(ctx: Context): Response | Promise<Response> {
    const { request } = ctx;
    const url = request.url;
    let pathStart: number;
    const origin = this.#origin;
    // Most requests repeat the previous one's scheme and authority: skip parsing and checking.
    if (
      origin !== undefined && url.startsWith(origin.prefix) &&
      url.charCodeAt(origin.prefix.length) === SLASH
    ) {
      pathStart = origin.prefix.length;
      ctx.host = origin.host;
    } else {
      const authorityStart = url.indexOf("//") + 2;
      pathStart = url.indexOf("/", authorityStart);
      if (pathStart < 0) pathStart = url.length;
      const host = this.#host(ctx, url.slice(authorityStart, pathStart));
      if (!this.#c.hosts.allows(host)) throw new HttpError(400, "Invalid host");
      ctx.host = host;
      // Behind trusted proxies the host comes from a header: nothing to remember.
      if (this.#c.runtime.trustedProxies.size === 0) {
        this.#origin = { prefix: url.slice(0, pathStart), host };
      }
    }
    let end = url.indexOf("#", pathStart);
    if (end < 0) end = url.length;
    const queryAt = url.indexOf("?", pathStart);
    const pathEnd = queryAt >= 0 && queryAt < end ? queryAt : end;
    const rawPath = pathStart === pathEnd ? "/" : url.slice(pathStart, pathEnd);
    const query = pathEnd < end ? url.slice(pathEnd + 1, end) : "";
    const method = request.method;
    const { matcher } = this.#c.table;

    let route = matcher.staticTable(rawPath)?.pick(method);
    let path = rawPath;
    if (route === undefined) {
      const segments = canonicalSegments(rawPath);
      // Only percent-decoding changes a path that passed canonicalisation.
      if (rawPath.includes("%")) path = "/" + segments.join("/");
      const found = matcher.find(method, segments);
      if (found === undefined) return this.#miss(ctx, path, rawPath, query);
      if (found.value === undefined) return this.#wrongMethod(ctx, path, query, found.allow);
      route = found.value;
      ctx.params = toParams(found.params);
    }
    init(ctx, path, query, route);
    ctx.route = route.info;
    if (!NO_BODY.has(method) && declaredTooLarge(request, route.bodyLimit)) {
      throw new HttpError(413, `Request body is larger than ${route.bodyLimit} bytes`);
    }
    const result = route.handler(ctx);
    return result instanceof Promise && route.timeout !== false && this.#outer !== undefined
      ? this.#withDeadline(ctx, result, route.timeout)
      : result;
  }

  #host(ctx: Context, authority: string): string {
    if (this.#c.runtime.trustedProxies.size === 0) return authority;
    const peer = (ctx.info?.remoteAddr as Deno.NetAddr | undefined)?.hostname ?? "";
    const forwarded = this.#c.runtime.trustedProxies.has(peer)
      ? ctx.request.headers.get("x-forwarded-host")
      : null;
    return forwarded?.split(",")[0].trim() ?? authority;
  }

  #miss(ctx: Context, path: string, rawPath: string, query: string): Promise<Response> {
    init(ctx, path, query, this.#c.fallbackLimits);
    if (this.#c.redirectSlash && rawPath !== "/") {
      const other = rawPath.endsWith("/") ? rawPath.slice(0, -1) : rawPath + "/";
      const segments = path.endsWith("/")
        ? path.slice(1, -1).split("/")
        : [...path.slice(1).split("/"), ""];
      if (this.#c.table.matcher.find(ctx.request.method, segments)?.value !== undefined) {
        const location = query === "" ? other : `${other}?${query}`;
        return this.#fallback(() => new Response(null, { status: 308, headers: { location } }))(
          ctx,
        );
      }
    }
    return this.#notFound(ctx);
  }

  #wrongMethod(ctx: Context, path: string, query: string, allow: string): Promise<Response> {
    init(ctx, path, query, this.#c.fallbackLimits);
    if (ctx.request.method === "OPTIONS") {
      return this.#fallback(() => new Response(null, { status: 204, headers: { allow } }))(ctx);
    }
    return this.#fallback(() => {
      throw new HttpError(405, `Method ${ctx.request.method} is not allowed here`, {
        headers: { allow },
      });
    })(ctx);
  }

  #withDeadline(ctx: Context, pending: Promise<Response>, ms: number): Promise<Response> {
    return new Promise((resolve, reject) => {
      const entry = this.#c.deadlines.add(ms, () => {
        expire(ctx, new DOMException("The request's deadline passed", "TimeoutError"));
        reject(TIMED_OUT());
      });
      pending.then((res) => {
        this.#c.deadlines.cancel(entry);
        resolve(res);
      }, (error) => {
        this.#c.deadlines.cancel(entry);
        reject(error);
      });
    });
  }

  #error(ctx: Context, error: unknown): Response | Promise<Response> {
    ctx.error = error;
    const jar = cookieJar(ctx);
    if (jar) jar.outgoing.length = 0;
    const shown = publicError(error);
    if (shown.status >= 500) {
      this.#c.log().error("Request failed", {
        status: shown.status,
        method: ctx.request.method,
        path: ctx.path,
        requestId: ctx.id,
        error,
      });
    }
    const fallback = () => renderError(ctx.request, shown, this.#c.debug ? error : undefined);
    if (this.#c.onError === undefined) return fallback();
    try {
      const custom = this.#c.onError(error, ctx);
      return custom instanceof Promise ? custom.catch(fallback) : custom;
    } catch {
      return fallback();
    }
  }

  #finish(ctx: Context, res: Response): Response {
    let response = flushCookies(ctx, res);
    // A helper's response has the default headers and the id already; any other may lack some.
    if (!complete(ctx, res)) response = withHeaders(response, this.#stamp, ctx);
    if (ctx.request.method === "HEAD" && response.body !== null) {
      response.body.cancel().catch(() => {});
      response = new Response(null, response);
    }
    return response;
  }

  /**
   * Adds the default headers a response does not set itself, the request id if used, and the
   * names given to `ctx.vary()`.
   */
  readonly #stamp = (headers: Headers, ctx: Context): void => {
    const { presets } = this.#c.runtime;
    completeHeaders(headers, presets, presets.secureDiffers && ctx.secure, usedId(ctx), vary(ctx));
  };
}

const TIMED_OUT = () =>
  new HttpError(503, "The request took too long", { headers: { "retry-after": "1" } });

function notFound(ctx: Context): Response {
  throw new HttpError(404, `No page at ${ctx.path}`);
}

function toParams(flat: readonly string[]): Record<string, string> {
  if (flat.length === 0) return EMPTY;
  const params: Record<string, string> = Object.create(null);
  for (let i = 0; i < flat.length; i += 2) params[flat[i]] = flat[i + 1];
  return params;
}

function flushCookies(ctx: Context, res: Response): Response {
  const jar = cookieJar(ctx);
  if (jar === undefined || jar.outgoing.length === 0) return res;
  return withHeaders(res, appendCookies, jar.outgoing.splice(0));
}

function appendCookies(headers: Headers, lines: readonly string[]): void {
  for (const line of lines) headers.append("set-cookie", line);
}

/**
 * Applies `edit` with `arg` to the response headers, copying the response first if they are
 * immutable.
 */
function withHeaders<A>(res: Response, edit: (headers: Headers, arg: A) => void, arg: A): Response {
  try {
    edit(res.headers, arg);
    return res;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    const copy = new Response(res.body, res);
    edit(copy.headers, arg);
    return copy;
  }
}
