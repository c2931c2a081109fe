import { compileRoutes, type RouteTable } from "./_compile.ts";
import { Context, type ContextRuntime } from "./context.ts";
import { Deadlines } from "./_deadlines.ts";
import { type Document, type DocumentRenderer, plainDocument } from "./document.ts";
import { HostValidator } from "./_host.ts";
import { ForwardingLogger } from "./_forwarding_logger.ts";
import type { Logger } from "./logger.ts";
import { type Command, runCommand } from "./manage.ts";
import type { OuterMiddleware, View } from "./middleware.ts";
import {
  type AppOptions,
  type Environment,
  type ResolvedOptions,
  resolveOptions,
} from "./_options.ts";
import type { ParamValues } from "./_pattern.ts";
import { type QueryValues, reverse } from "./_reverse.ts";
import { type ErrorHandler, Pipeline } from "./_pipeline.ts";
import type { Plugin } from "./plugin.ts";
import { Plugins } from "./_plugins.ts";
import { ResponsePresets } from "./_response.ts";
import { Router } from "./router.ts";
import { securityHeaderSet } from "./security_headers.ts";
import { type ListenOptions, serve, type Server } from "./_server.ts";
import { Drain } from "./_drain.ts";
import { Signer } from "./signer.ts";

const TEST_INFO: Deno.ServeHandlerInfo = {
  remoteAddr: { transport: "tcp", hostname: "127.0.0.1", port: 0 },
  completed: Promise.resolve(),
};

/**
 * A Plinth application: plugins, middleware and routes are recorded, then set up and compiled
 * once at boot (the first request, `listen()`, or `await app.boot()`), after which the app is
 * frozen. `export default app` serves it with `deno serve`.
 *
 * @example Hello world, tested in-process
 * ```ts
 * import { App } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * const app = new App({ env: "test" });
 * app.get("/", (ctx) => ctx.text("Hello, world!"), { name: "home" });
 * const res = await app.request("/");
 * assert.equal(await res.text(), "Hello, world!");
 * assert.equal(app.url("home"), "/");
 * ```
 */
export class App extends Router {
  readonly #options: ResolvedOptions;
  readonly #plugins = new Plugins();
  readonly #preRouting: OuterMiddleware[] = [];
  readonly #commands = new Map<string, Command>();
  readonly #deadlines = new Deadlines();
  readonly #Ctx: typeof Context = class AppContext extends Context {};
  readonly #runtime: ContextRuntime;
  #log: Logger;
  readonly #facade: Logger = new ForwardingLogger(() => this.#log);
  #signer: Signer | undefined;
  #onError: ErrorHandler | undefined;
  #errorPages: ErrorHandler | undefined;
  #document: DocumentRenderer = plainDocument;
  readonly #closingController = new AbortController();
  #notFound: View | undefined;
  #booting: Promise<void> | undefined;
  #table: RouteTable | undefined;
  #handler: Pipeline["handle"] | undefined;
  #drain: Drain | undefined;
  #server: Server | undefined;
  #compiled = false;
  #closing: Promise<void> | undefined;

  /**
   * Creates an app; nothing is set up until boot.
   *
   * @param options Hosts, secrets, limits and defaults; see {@linkcode AppOptions}.
   * @throws {Error} For settings unsafe in production, with what to set instead.
   */
  constructor(options: AppOptions = {}) {
    super();
    this.#options = resolveOptions(options);
    this.#log = this.#options.logger;
    const prefix = crypto.randomUUID().slice(0, 8);
    let counter = 0;
    this.#runtime = {
      app: this,
      logger: () => this.#log,
      signer: () => this.#signer ??= new Signer(this.#options.secretKeys),
      trustedProxies: this.#options.trustedProxies,
      nextId: () => `${prefix}-${(++counter).toString(36)}`,
      presets: new ResponsePresets(securityHeaderSet(this.#options.securityHeaders)),
    };
  }

  /** The environment: `"development"`, `"production"` or `"test"`. */
  get env(): Environment {
    return this.#options.env;
  }

  /**
   * The app's logger. It forwards to whatever logger is installed with
   * {@linkcode App.useLogger}, so children taken from it early keep working.
   */
  get log(): Logger {
    return this.#facade;
  }

  /**
   * Installs the logger behind `app.log` and `ctx.log` (the logging plugin does this in setup).
   *
   * @returns A function that puts the previous logger back, for teardown.
   */
  useLogger(logger: Logger): () => void {
    const previous = this.#log;
    this.#log = logger;
    return () => {
      if (this.#log === logger) this.#log = previous;
    };
  }

  /**
   * Aborted as soon as {@linkcode App.close} starts, before in-flight requests are awaited: for
   * long-lived responses (event streams) that should end so that shutdown can finish.
   */
  get closing(): AbortSignal {
    return this.#closingController.signal;
  }

  /** Whether boot has completed and the app is frozen. */
  get booted(): boolean {
    return this.#handler !== undefined;
  }

  /** The app's signer (HMAC-SHA256 with its secret keys), for plugins that sign tokens. */
  get signer(): Signer {
    return this.#runtime.signer();
  }

  /** Registers a plugin to set up at boot. @throws {Error} On a duplicate name or after boot. */
  register(plugin: Plugin): this {
    if (this.#booting !== undefined) {
      throw new Error(`Cannot register plugin "${plugin.name}": the app has started booting`);
    }
    this.#plugins.add(plugin);
    return this;
  }

  /**
   * Mounts a router, or another app's routes and middleware, under `prefix`. Plugins and app-wide
   * hooks belong to the root app, so an app that has them cannot be mounted.
   *
   * @throws {Error} When `router` is an app with plugins, before-routing middleware or handlers.
   */
  override mount(prefix: string, router: Router, options: { namespace?: string } = {}): this {
    if (router instanceof App && !router.#mountable()) {
      throw new Error(
        `Cannot mount an app with plugins, useBeforeRouting(), onError() or notFound() at ` +
          `"${prefix}": register those on the root app, or mount a Router`,
      );
    }
    return super.mount(prefix, router, options);
  }

  #mountable(): boolean {
    return this.#plugins.size === 0 && this.#preRouting.length === 0 &&
      this.#onError === undefined && this.#notFound === undefined;
  }

  /** Whether a plugin of this name is registered, for optional integrations. */
  has(pluginName: string): boolean {
    return this.#plugins.has(pluginName);
  }

  /**
   * Adds middleware that wraps every request, before host validation and routing: it sees
   * requests refused with 400 too, and `next()` always gives a response (errors are already
   * rendered; `ctx.error` holds them), synchronously when the request was answered so.
   */
  useBeforeRouting(middleware: OuterMiddleware): this {
    this.#assertOpen("add middleware");
    this.#preRouting.push(middleware);
    return this;
  }

  /**
   * Sets the error views a plugin offers (templating's error pages) in place of core's
   * defaults. A handler the app sets with {@linkcode App.onError} still takes precedence.
   */
  useErrorPages(handler: ErrorHandler): this {
    this.#assertOpen("set the error pages");
    this.#errorPages = handler;
    return this;
  }

  /**
   * Sets how {@linkcode App.renderDocument} makes pages, in place of core's minimal HTML
   * document: the templating plugin installs one that renders inside the app layout. The last
   * call wins.
   *
   * @param renderer The document renderer.
   * @throws {Error} After boot.
   *
   * @example A renderer that adds a footer
   * ```ts
   * import { App, escapeHtml } from "@plinth/plinth";
   * import assert from "node:assert/strict";
   *
   * const app = new App({ env: "test" }).useDocument((ctx, doc) =>
   *   ctx.html(`<title>${escapeHtml(doc.title)}</title>${doc.html}<footer>Site</footer>`)
   * );
   * app.get("/", (ctx) => ctx.app.renderDocument(ctx, { title: "Home", html: "<p>Hi</p>" }));
   * const html = await (await app.request("/")).text();
   * assert.equal(html, "<title>Home</title><p>Hi</p><footer>Site</footer>");
   * ```
   */
  useDocument(renderer: DocumentRenderer): this {
    this.#assertOpen("set the document renderer");
    this.#document = renderer;
    return this;
  }

  /**
   * Answers with `doc` made into a page by the app's {@linkcode DocumentRenderer}: for plugins
   * that show pages without depending on the templating plugin, such as auth's login form.
   * `doc.html` is inserted as it is: build it from escaped parts only.
   *
   * @param ctx The request's context.
   * @param doc The title, the trusted HTML fragment and the status.
   * @returns The response.
   *
   * @example A plugin's page, in core's minimal document
   * ```ts
   * import { App, escapeHtml } from "@plinth/plinth";
   * import assert from "node:assert/strict";
   *
   * const app = new App({ env: "test" });
   * app.get("/gone/:what", (ctx) =>
   *   ctx.app.renderDocument(ctx, {
   *     title: "Gone",
   *     html: `<h1>${escapeHtml(ctx.params.what)} is gone</h1>`,
   *     status: 410,
   *   }));
   * const res = await app.request("/gone/%3Ci%3E");
   * assert.equal(res.status, 410);
   * assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
   * assert.match(await res.text(), /^<!doctype html>.*<h1>&#60;i&#62; is gone<\/h1>/);
   * ```
   */
  renderDocument(ctx: Context, doc: Document): Response | Promise<Response> {
    return this.#document(ctx, doc);
  }

  /** Replaces the default error views for every error rendered by the app. */
  onError(handler: ErrorHandler): this {
    this.#assertOpen("set the error handler");
    this.#onError = handler;
    return this;
  }

  /** Replaces the default 404 view. */
  notFound(view: View): this {
    this.#assertOpen("set the 404 view");
    this.#notFound = view;
    return this;
  }

  /**
   * Adds a value as `app[name]` and `ctx[name]`, such as a plugin's `cache` or `db`. Type it by
   * declaration merging into `App` and `Context`.
   *
   * @throws {Error} When the name is taken.
   */
  decorate(name: string, value: unknown): this {
    this.#claim(name);
    Object.defineProperty(this, name, { value, enumerable: true });
    Object.defineProperty(this.#Ctx.prototype, name, { value, enumerable: true });
    return this;
  }

  /**
   * Adds a method to this app's contexts, such as templating's `ctx.render()`; `this` is the
   * context.
   *
   * @throws {Error} When the name is taken.
   */
  decorateContext(name: string, method: (this: Context, ...args: never[]) => unknown): this {
    this.#claim(name);
    Object.defineProperty(this.#Ctx.prototype, name, { value: method, writable: true });
    return this;
  }

  /** Adds a command for `deno task manage <name>`. */
  command(name: string, command: Command): this {
    if (this.#commands.has(name)) throw new Error(`Cannot add command "${name}": it exists`);
    this.#commands.set(name, command);
    return this;
  }

  /**
   * The path of a named route, with parameters percent-encoded and an optional query.
   *
   * @throws {Error} Before boot, for an unknown name, or for a missing or ill-fitting parameter.
   */
  url(name: string, params: ParamValues = {}, query?: QueryValues): string {
    if (this.#table === undefined) {
      throw new Error(`Cannot reverse "${name}": the app has not booted; await app.boot() first`);
    }
    return reverse(this.#table.names, name, params, query);
  }

  /**
   * Sets plugins up in dependency order, compiles routes and middleware chains, and freezes the
   * app. Runs once; later calls return the same promise.
   *
   * @throws {Error} For missing or cyclic plugin dependencies, bad routes, or a failed setup.
   */
  boot(): Promise<void> {
    return this.#booting ??= this.#boot();
  }

  async #boot(): Promise<void> {
    await this.#plugins.setUp(this, () => this.#log);
    const options = this.#options;
    this.#compiled = true;
    this.#table = compileRoutes(this, {
      bodyLimit: options.bodyLimit,
      timeout: options.requestTimeout,
    });
    this.#handler = new Pipeline({
      table: this.#table,
      hosts: new HostValidator(options.allowedHosts),
      Ctx: this.#Ctx,
      runtime: this.#runtime,
      preRouting: this.#preRouting,
      deadlines: this.#deadlines,
      fallbackLimits: { bodyLimit: options.bodyLimit, timeout: false },
      redirectSlash: options.trailingSlash === "redirect",
      debug: options.env === "development",
      log: () => this.#log,
      onError: this.#onError ?? this.#errorPages,
      notFound: this.#notFound,
    }).handle;
    globalThis.addEventListener("unhandledrejection", this.#onRejection);
  }

  /** Serves one request; boots first if needed. Bound, so `export default app` works. */
  fetch = (request: Request, info?: Deno.ServeHandlerInfo): Response | Promise<Response> => {
    if (this.#handler !== undefined) return this.#handler(request, info);
    return this.boot().then(() => {
      // Deno's own server passes ServeHandlerInfo instances: a `deno serve` worker, say.
      if (info !== undefined && Object.getPrototypeOf(info) !== Object.prototype) this.#drained();
      return this.#handler!(request, info);
    });
  };

  /** Under a server other than `listen()`'s, closes the app on a shutdown broadcast. */
  #drained(): Drain | undefined {
    if (this.#server !== undefined || this.#closing !== undefined) return undefined;
    if (this.#drain === undefined) {
      this.#drain = new Drain(() => this.close(), this.#facade);
      this.#handler = this.#drain.wrap(this.#handler!);
    }
    return this.#drain;
  }

  /**
   * Called by `deno serve` once it listens: boots at once, so that a configuration error stops
   * the process instead of failing every request, then logs the address (through the logger
   * the plugins installed), which says the app is ready.
   */
  onListen = (addr: Deno.Addr): void => {
    const { hostname, port } = addr as Deno.NetAddr;
    const host = hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname;
    this.boot().then(() => {
      this.#drained()?.relaySignals();
      this.#log.info(`Listening on http://${host.includes(":") ? `[${host}]` : host}:${port}/`);
    }, (error) => {
      this.#log.fatal("Cannot start: boot failed", { error });
      Deno.exit(1);
    });
  };

  /**
   * Sends a request in-process, without a socket: for tests.
   *
   * @param input A path such as `"/posts?page=2"`, a URL, or a `Request`.
   * @param init Method, headers and body when `input` is not a `Request`.
   */
  async request(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const request = input instanceof Request
      ? input
      : new Request(new URL(input, "http://localhost"), init);
    return await this.fetch(request, TEST_INFO);
  }

  /**
   * Boots and serves over HTTP until SIGINT/SIGTERM or {@linkcode App.close}: then stops
   * accepting, lets in-flight requests finish within the grace period, and tears plugins down in
   * reverse order.
   */
  async listen(options: ListenOptions = {}): Promise<Server> {
    await this.boot();
    if (this.#server) throw new Error("Cannot listen: the app is already listening");
    return this.#server = serve(this.fetch, options, () => this.close(), this.#facade);
  }

  /** Runs `deno task manage` commands: `routes`, `check` and those plugins add. */
  async manage(args: readonly string[], print: (line: string) => void): Promise<number> {
    await this.boot();
    try {
      return await runCommand(args, this.#commands, this.#table!, print);
    } finally {
      await this.close();
    }
  }

  /** Stops serving (if listening), tears plugins down in reverse order, and releases timers. */
  close(): Promise<void> {
    return this.#closing ??= (async () => {
      this.#closingController.abort();
      this.#drain?.dispose();
      await this.#server?.shutdown();
      await this.#plugins.tearDown(() => this.#log);
      this.#deadlines.clear();
      globalThis.removeEventListener("unhandledrejection", this.#onRejection);
    })();
  }

  #onRejection = (event: PromiseRejectionEvent): void => {
    event.preventDefault();
    this.#log.error("Unhandled promise rejection", { error: event.reason });
  };

  #claim(name: string): void {
    this.#assertOpen(`decorate "${name}"`);
    if (name in this || name in this.#Ctx.prototype) {
      throw new Error(`Cannot decorate "${name}": the name is already taken`);
    }
  }

  #assertOpen(action: string): void {
    if (this.#compiled) {
      throw new Error(`Cannot ${action}: the app has booted; register everything before serving`);
    }
  }
}
