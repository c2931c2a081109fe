import type { App } from "./app.ts";
import { BodyReader } from "./_body.ts";
import { Cookies } from "./cookies.ts";
import type { Logger } from "./logger.ts";
import { HttpError } from "./http_error.ts";
import { isSafeRedirect } from "./redirect.ts";
import {
  bodyBytes,
  type EventSink,
  eventStream,
  respond,
  type ResponseOptions,
  toStream,
} from "./_response.ts";
import type { Signer } from "./signer.ts";

/**
 * Per-request values, empty in the core. Plugins and apps add typed fields by declaration
 * merging, such as auth's `user`.
 *
 * @example Declaring a field (not run: module declarations must be top-level in a real module)
 * ```ts ignore
 * declare module "@plinth/plinth" {
 *   interface State {
 *     tenant?: string;
 *   }
 * }
 * ```
 */
// deno-lint-ignore no-empty-interface -- filled by declaration merging
export interface State {}

/** The route a request matched, for logs and plugins. */
export interface RouteInfo {
  /** The full pattern, mount prefixes included, such as `/blog/posts/:slug`. */
  readonly pattern: string;
  /** The full name, namespaces included, such as `blog:post-detail`. */
  readonly name: string | undefined;
  /** The route's `meta` option; empty when it has none. */
  readonly meta: Readonly<Record<string, unknown>>;
}

/** What the app shares with each of its contexts. Internal. */
export interface ContextRuntime {
  /** The app. */
  readonly app: App;
  /** The app's current logger. */
  readonly logger: () => Logger;
  /** The app's signer, made on first use. */
  readonly signer: () => Signer;
  /** Peer addresses whose forwarded headers are believed. */
  readonly trustedProxies: ReadonlySet<string>;
  /** Makes a new request id. */
  readonly nextId: () => string;
  /** The headers every response gets, as the helpers build them in. */
  readonly presets: {
    /** Whether secure requests get more headers than the others. */
    readonly secureDiffers: boolean;
    /** A frozen init with a content type and the default headers. */
    init(type: string, secure: boolean): { readonly headers: Readonly<Record<string, string>> };
    /** Adds the default headers that `headers` does not set itself. */
    complete(headers: Headers, secure: boolean): void;
  };
}

/** A route's body limit and deadline. Internal. */
export interface RouteLimits {
  readonly bodyLimit: number;
  readonly timeout: number | false;
}

const NO_ROUTE: RouteLimits = { bodyLimit: 0, timeout: false };
/** Templates given to `ctx.copy()`, with whether their default headers are a secure request's. */
const completedTemplates = new WeakMap<Response, boolean>();
const EMPTY_PARAMS: Readonly<Record<string, string>> = Object.freeze(Object.create(null));

let internals!: {
  init(ctx: Context, path: string, query: string, limits: RouteLimits): void;
  timeout(ctx: Context): number | false;
  expire(ctx: Context, reason: Error): void;
  usedId(ctx: Context): string | undefined;
  cookieJar(ctx: Context): Cookies | undefined;
  complete(ctx: Context, res: Response): boolean;
  vary(ctx: Context): readonly string[] | undefined;
};

/**
 * Everything a view or middleware knows about one request, and the helpers to answer it. Costly
 * parts (URL, query, cookies, body, signal) are created only when first used.
 *
 * @example A view using the context
 * ```ts
 * import { App } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * const app = new App({ env: "test" });
 * app.get("/hello/:name", (ctx) => ctx.json({ name: ctx.params.name, q: ctx.query.get("q") }));
 * const res = await app.request("/hello/ann?q=1");
 * assert.deepEqual(await res.json(), { name: "ann", q: "1" });
 * ```
 */
export class Context {
  /** The Web request. */
  readonly request: Request;
  /** Connection facts from `Deno.serve`, when served over a socket. */
  readonly info: Deno.ServeHandlerInfo | undefined;
  /** The validated host (`host[:port]`), from the request or a trusted proxy. */
  host = "";
  /** The canonical, percent-decoded path. */
  path = "";
  /** Route parameters, percent-decoded. */
  params: Readonly<Record<string, string>> = EMPTY_PARAMS;
  /** The matched route; `undefined` before routing and when nothing matched. */
  route: RouteInfo | undefined;
  /** The error rendered into this request's response, for logs; `undefined` when none. */
  error: unknown;
  readonly #rt: ContextRuntime;
  #rawQuery = "";
  #limits: RouteLimits = NO_ROUTE;
  #state: State | undefined;
  #url: URL | undefined;
  #query: URLSearchParams | undefined;
  #cookies: Cookies | undefined;
  #body: BodyReader | undefined;
  #id: string | undefined;
  #deadline: AbortController | undefined;
  #signal: AbortSignal | undefined;
  #timings: Map<string, number> | undefined;
  /** Request headers the response depends on, for `Vary`. */
  #vary: string[] | undefined;
  /** The last response a helper built with the default headers in: its id, body and `Vary`. */
  #completed: Response | undefined;
  #completedId: string | undefined;
  /** `undefined` when not known, as for a copy of a template. */
  #completedBody: BodyInit | null | undefined;
  #completedVary = 0;

  static {
    internals = {
      init(ctx, path, query, limits) {
        ctx.path = path;
        ctx.#rawQuery = query;
        ctx.#limits = limits;
      },
      timeout: (ctx) => ctx.#limits.timeout,
      expire(ctx, reason) {
        ctx.#deadline ??= new AbortController();
        ctx.#deadline.abort(reason);
      },
      usedId: (ctx) => ctx.#id,
      cookieJar: (ctx) => ctx.#cookies,
      complete: (ctx, res) =>
        res === ctx.#completed && ctx.#id === ctx.#completedId &&
        (ctx.#vary?.length ?? 0) === ctx.#completedVary,
      vary: (ctx) => ctx.#vary,
    };
  }

  /**
   * Created by the app for each request; apps do not construct contexts themselves.
   *
   * @param request The Web request.
   * @param info Connection facts from `Deno.serve`.
   * @param runtime What the app shares with its contexts.
   */
  constructor(request: Request, info: Deno.ServeHandlerInfo | undefined, runtime: ContextRuntime) {
    this.request = request;
    this.info = info;
    this.#rt = runtime;
  }

  /** The app serving this request. */
  get app(): App {
    return this.#rt.app;
  }

  /** Per-request values, never shared between requests. */
  get state(): State {
    return this.#state ??= {};
  }

  /** The request URL, parsed on first use. */
  get url(): URL {
    return this.#url ??= new URL(this.request.url);
  }

  /** The query parameters, parsed on first use. */
  get query(): URLSearchParams {
    return this.#query ??= new URLSearchParams(this.#rawQuery);
  }

  /** The request's cookies and the cookies to send back. */
  get cookies(): Cookies {
    return this.#cookies ??= new Cookies(
      this.request.headers.get("cookie"),
      this.secure,
      this.#rt.signer,
    );
  }

  /** Body readers: `json()`, `form()`, `text()`, `bytes()`, within the route's body limit. */
  get body(): BodyReader {
    return this.#body ??= new BodyReader(this.request, this.#limits.bodyLimit);
  }

  /** The request id: a trusted proxy's `X-Request-Id`, or one generated on first use. */
  get id(): string {
    if (this.#id !== undefined) return this.#id;
    const forwarded = this.#fromProxy() ? this.request.headers.get("x-request-id") : null;
    return this.#id = forwarded !== null && /^[\w.-]{1,128}$/.test(forwarded)
      ? forwarded
      : this.#rt.nextId();
  }

  /** The app's logger. */
  get log(): Logger {
    return this.#rt.logger();
  }

  /** Aborted when the client disconnects or the request's deadline passes. */
  get signal(): AbortSignal {
    this.#deadline ??= new AbortController();
    return this.#signal ??= AbortSignal.any([this.request.signal, this.#deadline.signal]);
  }

  /** Whether the request came over TLS (as told by a trusted proxy, if any). */
  get secure(): boolean {
    if (this.request.url.startsWith("https:")) return true;
    return this.#fromProxy() && this.request.headers.get("x-forwarded-proto") === "https";
  }

  /** The client's address: the peer, or the last untrusted hop a trusted proxy reports. */
  get ip(): string {
    const peer = this.#peer();
    if (!this.#fromProxy()) return peer;
    const hops = (this.request.headers.get("x-forwarded-for") ?? "").split(",");
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i].trim();
      if (hop && !this.#rt.trustedProxies.has(hop)) return hop;
    }
    return peer;
  }

  /** Durations recorded with {@linkcode Context.addTiming}, in milliseconds, by name. */
  get timings(): ReadonlyMap<string, number> {
    return this.#timings ??= new Map();
  }

  /**
   * Adds `ms` to the named duration of this request, such as the database's time, for logs and
   * `Server-Timing`.
   */
  addTiming(name: string, ms: number): void {
    const timings = this.#timings ??= new Map();
    timings.set(name, (timings.get(name) ?? 0) + ms);
  }

  /**
   * The size of `res`'s body in bytes when it is known without reading the body: for a response
   * a helper of this context built from a string or bytes, and else from `Content-Length`;
   * `undefined` when neither tells. For request logs.
   */
  bodySize(res: Response): number | undefined {
    if (res === this.#completed) {
      const body = this.#completedBody;
      const size = body === undefined ? undefined : bodyBytes(body);
      if (size !== undefined) return size;
    }
    // Reading a response's headers makes Deno send it the slower way: only when needed.
    const length = res.headers.get("content-length");
    const bytes = length !== null && /^\d+$/.test(length) ? Number(length) : NaN;
    return Number.isSafeInteger(bytes) ? bytes : undefined;
  }

  /**
   * Declares request headers that the response depends on, for `Vary`, such as `Cookie` for a
   * page that reads the session. Declared before the response is built, a helper builds it in;
   * the app adds it to any other response on the way out. Caches then keep one copy per value.
   *
   * @example A page that depends on the language asked for
   * ```ts
   * import { App } from "@plinth/plinth";
   * import assert from "node:assert/strict";
   *
   * const app = new App({ env: "test" });
   * app.get("/", (ctx) => {
   *   ctx.vary("Accept-Language");
   *   const french = ctx.request.headers.get("accept-language")?.startsWith("fr");
   *   return ctx.text(french ? "Bonjour" : "Hello");
   * });
   * const res = await app.request("/", { headers: { "accept-language": "fr" } });
   * assert.equal(res.headers.get("vary"), "Accept-Language");
   * assert.equal(await res.text(), "Bonjour");
   * ```
   */
  vary(...names: string[]): void {
    const vary = this.#vary ??= [];
    for (const name of names) {
      if (!vary.some((known) => known.toLowerCase() === name.toLowerCase())) vary.push(name);
    }
  }

  /**
   * A copy of `template`, a response that a plugin keeps to answer many requests with, such as a
   * cached page. The app's default headers (security headers) that the template lacks are added
   * to the template itself, once, so its copies need no checks on the way out. Serve copies
   * only, never the template.
   *
   * @example Answering from a kept response
   * ```ts
   * import { App } from "@plinth/plinth";
   * import assert from "node:assert/strict";
   *
   * const kept = new Response("<p>kept</p>", { headers: { "content-type": "text/html" } });
   * const app = new App({ env: "test" });
   * app.get("/", (ctx) => ctx.copy(kept));
   * const res = await app.request("/");
   * assert.equal(await res.text(), "<p>kept</p>");
   * assert.equal(res.headers.get("x-frame-options"), "DENY");
   * assert.equal(kept.headers.get("x-frame-options"), "DENY");
   * ```
   */
  copy(template: Response): Response {
    const { presets } = this.#rt;
    const secure = presets.secureDiffers && this.secure;
    let completedFor = completedTemplates.get(template);
    if (completedFor === undefined) {
      presets.complete(template.headers, secure);
      completedTemplates.set(template, completedFor = secure);
    }
    const copy = template.clone();
    // A template completed for the other kind of request (HSTS differs) goes the usual way.
    if (completedFor === secure) {
      this.#completed = copy;
      this.#completedId = undefined;
      this.#completedBody = undefined;
      this.#completedVary = 0;
    }
    return copy;
  }

  /** A plain-text response. */
  text(body: string, init?: ResponseOptions): Response {
    return this.#respond(body, "text/plain; charset=utf-8", init);
  }

  /** An HTML response. */
  html(body: string | ReadableStream<Uint8Array>, init?: ResponseOptions): Response {
    return this.#respond(body, "text/html; charset=utf-8", init);
  }

  /** A JSON response. */
  json(data: unknown, init?: ResponseOptions): Response {
    return this.#respond(JSON.stringify(data), "application/json", init);
  }

  /**
   * A redirect, 302 by default. Only same-site paths are accepted unless `allowExternal` is set.
   *
   * @throws {HttpError} 400 for an unsafe target, which often comes from request data.
   */
  redirect(location: string, options: { status?: number; allowExternal?: boolean } = {}): Response {
    const safe = options.allowExternal
      ? /^https?:\/\//i.test(location) || isSafeRedirect(location)
      : isSafeRedirect(location, this.url.origin);
    if (!safe) throw new HttpError(400, "Refusing to redirect to an unsafe location");
    return new Response(null, { status: options.status ?? 302, headers: { location } });
  }

  /** A streamed response from a stream or an (async) iterable of strings or bytes. */
  stream(
    source:
      | ReadableStream<Uint8Array>
      | AsyncIterable<string | Uint8Array>
      | Iterable<string | Uint8Array>,
    init?: ResponseOptions & { type?: string },
  ): Response {
    const type = typeof init === "object" && init.type ? init.type : "application/octet-stream";
    return this.#respond(toStream(source), type, init);
  }

  /** A server-sent event stream fed by `producer`; errors in it are logged, not thrown. */
  sse(producer: (sink: EventSink) => void | Promise<void>, init?: ResponseOptions): Response {
    const log = this.log;
    return eventStream(producer, this.signal, (error) => {
      log.error("Server-sent event producer failed", { error });
    }, init);
  }

  #respond(body: BodyInit | null, type: string, init: ResponseOptions | undefined): Response {
    const { presets } = this.#rt;
    // The id goes in if it exists by now (the logging plugin makes it first); made later, the
    // app adds it on the way out.
    const id = this.#completedId = this.#id;
    const secure = presets.secureDiffers && this.secure;
    this.#completedBody = body;
    this.#completedVary = this.#vary?.length ?? 0;
    return this.#completed = respond(body, type, init, presets, secure, id, this.#vary);
  }

  #peer(): string {
    const addr = this.info?.remoteAddr as Deno.NetAddr | undefined;
    return addr?.hostname ?? "";
  }

  #fromProxy(): boolean {
    return this.#rt.trustedProxies.size > 0 && this.#rt.trustedProxies.has(this.#peer());
  }
}

/** Internal accessors for the app: not part of the public API. */
export { internals as contextInternals };
