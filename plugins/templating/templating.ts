import { resolve } from "node:path";
import type { ComponentType } from "./types.ts";
import type { Plugin } from "../../core/mod.ts";
import { ContentSecurityPolicy, type CspDirectives } from "./_csp.ts";
import { IslandAssets, ISLANDS_PATH } from "./_island_assets.ts";
import { registeredIslands, resolveExports } from "./_island_registry.ts";
import { registerIslandsFolder } from "./_islands_folder.ts";
import { LIVE_RELOAD_PATH, LiveReload } from "./_live_reload.ts";
import { renderer } from "./_render.ts";
import { renderDocumentPage } from "./_document_page.tsx";
import { ErrorPage, type ErrorPageProps, errorPages } from "./error_page.tsx";
import type { Layout } from "./layout.ts";

/** Options of {@linkcode templating}. */
export interface TemplatingOptions {
  /** The app layout, around every page (inside it, route groups' layouts). */
  layout?: Layout;
  /** `<html lang>`; `"en"` by default. */
  lang?: string;
  /**
   * A folder of islands, relative to the working directory: every component its modules
   * export becomes an island (modules and folders starting with `_` are skipped).
   */
  islands?: string;
  /** Where the `build` command writes island bundles for production; `.plinth/islands`. */
  buildDir?: string;
  /**
   * The `Content-Security-Policy` of rendered pages: directives replacing the defaults (or
   * `false` to drop one), or `false` for no header. The plugin adds each response's nonce to
   * `script-src` when the page has inline scripts.
   */
  contentSecurityPolicy?: CspDirectives | false;
  /**
   * The page for errors, shown to browsers inside the app layout; `false` leaves errors to core's
   * default views. {@linkcode ErrorPage} by default; `app.onError()` takes precedence.
   */
  errorPage?: ComponentType<ErrorPageProps> | false;
  /**
   * Folders whose changes reload open pages in development (the islands folder is always
   * watched). Server modules reload with `deno serve --watch`, which pages notice too.
   */
  watch?: readonly string[];
}

/**
 * The templating plugin: `ctx.render(<Page />)` answers with a complete HTML document rendered
 * by Preact on the server, inside the app layout and route-group layouts, with `<Head>`
 * management, a per-response CSP nonce, optional streaming, islands hydrated in the browser
 * (bundled with `deno bundle`: on demand in development, by the `build` command for
 * production), error pages, and live reload in development.
 *
 * It adds the routes `/_plinth/islands/:file` (bundles, cached for a year) and, in development,
 * `/_plinth/live-reload` (server-sent events), the `build` command, error pages (an error
 * handler the app sets with `app.onError()` still takes precedence), and the app's document
 * renderer, so that other plugins' pages (`app.renderDocument()`) render inside the layout.
 *
 * @param options Layout, language, islands folder, policy, error page and watched folders.
 * @returns The plugin.
 * @throws {TypeError} For a malformed `lang` or CSP directive.
 *
 * @example Rendering a page
 * ```tsx
 * import { App } from "@plinth/plinth";
 * import { templating } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * function Hello({ name }: { name: string }) {
 *   return <h1>Hello, {name}!</h1>;
 * }
 * const app = new App({ env: "test" }).register(templating());
 * app.get("/hello/:name", (ctx) => ctx.render(<Hello name={ctx.params.name} />));
 * const res = await app.request("/hello/%3Cscript%3E");
 * assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
 * const html = await res.text();
 * assert.ok(html.startsWith("<!DOCTYPE html><html lang=\"en\"><head>"));
 * assert.match(html, /<h1>Hello, &lt;script>!<\/h1>/);
 * ```
 */
export function templating(options: TemplatingOptions = {}): Plugin {
  const lang = options.lang ?? "en";
  if (!/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(lang)) {
    throw new TypeError(`Cannot use lang "${lang}": give a language tag such as "en" or "pt-BR"`);
  }
  const csp = options.contentSecurityPolicy === false
    ? undefined
    : new ContentSecurityPolicy(options.contentSecurityPolicy);
  const buildDir = resolve(options.buildDir ?? ".plinth/islands");
  let liveReload: LiveReload | undefined;
  return {
    name: "templating",
    async setup(app) {
      const islands = new IslandAssets({
        root: Deno.cwd(),
        production: app.env === "production",
        log: () => app.log,
      });
      if (options.islands !== undefined) await registerIslandsFolder(options.islands);
      if (app.env === "production" && await islands.load(buildDir)) {
        await resolveExports(registeredIslands());
      }
      if (app.env === "development") {
        liveReload = new LiveReload();
        const watched = [...(options.watch ?? [])];
        if (options.islands !== undefined) watched.push(options.islands);
        liveReload.watch(watched, () => islands.invalidate());
        app.get(LIVE_RELOAD_PATH, liveReload.events);
        // Open pages hold their event stream; end them when shutdown starts, not after the grace.
        const reloader = liveReload;
        app.closing.addEventListener("abort", () => reloader.close(), { once: true });
      }
      app.get(`${ISLANDS_PATH}:file`, islands.serve);
      app.decorateContext(
        "render",
        renderer({ lang, csp, islands, liveReload, layout: options.layout }),
      );
      app.useDocument(renderDocumentPage);
      if (options.errorPage !== false) {
        app.useErrorPages(
          errorPages(options.errorPage ?? ErrorPage, options.layout, app.env === "development"),
        );
      }
      app.command("build", {
        description: "Bundle the islands for production into the build folder",
        async run(_args, print) {
          const specs = registeredIslands();
          if (specs.length === 0) {
            print("No islands to bundle");
            return;
          }
          const bundle = await islands.write(buildDir);
          print(`Bundled ${specs.length} islands into ${bundle.files.size} files in ${buildDir}`);
        },
      });
    },
    teardown() {
      liveReload?.close();
      liveReload = undefined;
    },
  };
}
