import { useContext } from "preact/hooks";
import type { Context, ParamValues, QueryValues, State } from "../../core/mod.ts";
import { RenderContext } from "./_render_state.ts";

/**
 * The request a page is rendered for, as components see it through {@linkcode useRequest}.
 *
 * The user is `state.user` once an authentication plugin sets it (typed by its declaration
 * merging into `State`); the CSRF token is `ctx.state.csrfToken`, filled by such a plugin.
 *
 * @example Reading the request in a component
 * ```tsx
 * import { App } from "@plinth/plinth";
 * import { type PageRequest, templating, useRequest } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * function Where() {
 *   const request: PageRequest = useRequest();
 *   return <p>{request.ctx.path}</p>;
 * }
 * const app = new App({ env: "test" }).register(templating());
 * app.get("/here", (ctx) => ctx.render(<Where />));
 * assert.match(await (await app.request("/here")).text(), /<p>\/here<\/p>/);
 * ```
 */
export interface PageRequest {
  /** The request context. */
  readonly ctx: Context;
  /** Per-request values such as `user`, set by middleware and plugins. */
  readonly state: State;
  /** The CSRF token to put in forms, when a plugin provides one (`ctx.state.csrfToken`). */
  readonly csrfToken: string | undefined;
  /**
   * This response's CSP nonce, for an inline `<script nonce={nonce}>` of the page's own; asking
   * for it adds it to the `Content-Security-Policy` header.
   */
  readonly nonce: string;
  /**
   * The path of a named route, as `app.url()` gives it.
   *
   * @param name The route's name, namespaces included, such as `"blog:post"`.
   * @param params The route's parameters.
   * @param query Query values to append.
   * @returns The path, parameters percent-encoded.
   * @throws {Error} For an unknown name or a missing parameter.
   */
  url(name: string, params?: ParamValues, query?: QueryValues): string;
}

/**
 * The request being rendered, for components anywhere in a page or layout: reverse routing,
 * per-request state (the user), the CSRF token and the CSP nonce, without passing props down.
 *
 * @returns The request of the current `ctx.render()`.
 * @throws {Error} When called outside `ctx.render()`, such as in an island in the browser.
 *
 * @example Linking to a named route
 * ```tsx
 * import { App } from "@plinth/plinth";
 * import { templating, useRequest } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * function Nav() {
 *   const { url } = useRequest();
 *   return <a href={url("post", { slug: "hello world" })}>First post</a>;
 * }
 * const app = new App({ env: "test" }).register(templating());
 * app.get("/", (ctx) => ctx.render(<Nav />));
 * app.get("/posts/:slug", (ctx) => ctx.text(ctx.params.slug), { name: "post" });
 * const html = await (await app.request("/")).text();
 * assert.match(html, /<a href="\/posts\/hello%20world">First post<\/a>/);
 * ```
 */
export function useRequest(): PageRequest {
  const state = useContext(RenderContext);
  if (state === undefined) {
    throw new Error(
      "Cannot use useRequest() outside ctx.render(): islands in the browser have no request; " +
        "pass what they need as props",
    );
  }
  return state;
}
