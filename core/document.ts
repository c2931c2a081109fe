import type { Context } from "./context.ts";
import { escapeHtml } from "./escape_html.ts";

/**
 * A page a plugin wants shown without knowing how the app renders pages, such as auth's login
 * form: `app.renderDocument(ctx, doc)` turns it into a response through the app's
 * {@linkcode DocumentRenderer} (templating's puts it inside the app layout).
 *
 * **`html` is trusted markup, inserted as it is.** Build it only from constant markup and parts
 * passed through {@linkcode escapeHtml}; never put request data, user data or anything else not
 * escaped into it, or the page is open to cross-site scripting.
 *
 * @example A document with escaped request data
 * ```ts
 * import { App, type Document, escapeHtml } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * const app = new App({ env: "test" });
 * app.get("/hello/:name", (ctx) => {
 *   const doc: Document = { title: "Hello", html: `<p>Hi, ${escapeHtml(ctx.params.name)}</p>` };
 *   return ctx.app.renderDocument(ctx, doc);
 * });
 * const res = await app.request("/hello/%3Cb%3E");
 * assert.match(await res.text(), /<body><p>Hi, &#60;b&#62;<\/p><\/body>/);
 * ```
 */
export interface Document {
  /** The page title, as text: renderers escape it. */
  title: string;
  /**
   * The body's content: a TRUSTED HTML fragment, built from constant markup and escaped parts
   * (see {@linkcode escapeHtml}). Never put unescaped request data here.
   */
  html: string;
  /** The status; 200 by default. */
  status?: number;
}

/**
 * How an app turns a {@linkcode Document} into a response, set with `app.useDocument()`. It
 * must insert `doc.html` as it is and escape `doc.title`.
 *
 * @example A renderer with a site header
 * ```ts
 * import { App, type DocumentRenderer, escapeHtml } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * const site: DocumentRenderer = (ctx, doc) =>
 *   ctx.html(
 *     `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
 *       `<title>${escapeHtml(doc.title)} · Site</title></head>` +
 *       `<body><header>Site</header>${doc.html}</body></html>`,
 *     doc.status ?? 200,
 *   );
 * const app = new App({ env: "test" }).useDocument(site);
 * app.get("/", (ctx) => ctx.app.renderDocument(ctx, { title: "Home", html: "<p>Hi</p>" }));
 * assert.match(await (await app.request("/")).text(), /<header>Site<\/header><p>Hi<\/p>/);
 * ```
 */
export type DocumentRenderer = (ctx: Context, doc: Document) => Response | Promise<Response>;

/**
 * The default {@linkcode DocumentRenderer}: a minimal, complete HTML5 document with the escaped
 * title and the fragment in `<body>`. Internal: apps reach it through `app.renderDocument()`.
 *
 * @example The default document
 * ```ts
 * import { App } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * const app = new App({ env: "test" });
 * app.get("/", (ctx) => ctx.app.renderDocument(ctx, { title: "A & B", html: "<p>Hi</p>" }));
 * assert.match(await (await app.request("/")).text(), /<title>A &#38; B<\/title>/);
 * ```
 */
export function plainDocument(ctx: Context, doc: Document): Response {
  return ctx.html(
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
      '<meta name="viewport" content="width=device-width, initial-scale=1">' +
      `<title>${escapeHtml(doc.title)}</title></head><body>${doc.html}</body></html>`,
    doc.status ?? 200,
  );
}
