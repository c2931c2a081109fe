import type { ComponentChildren } from "./types.ts";
import type { Middleware } from "../../core/mod.ts";
import { pushLayout } from "./_layouts.ts";

/**
 * A layout: a component that wraps what it is given, such as a site's header and footer around
 * each page. It renders the content of `<body>`; use `<Head>` for the head.
 *
 * @example A layout
 * ```tsx
 * import type { ComponentChildren, Layout } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * const Site: Layout = ({ children }: { children: ComponentChildren }) => <main>{children}</main>;
 * assert.equal(typeof Site, "function");
 * ```
 */
export type Layout = (props: { children: ComponentChildren }) => ComponentChildren;

/**
 * Middleware that wraps the pages of the routes it applies to in `component`, inside the app
 * layout and any outer layouts: use it on a mounted router (`blog.use(layout(BlogLayout))`) for
 * a route group's layout, Django's template inheritance by route group. Layouts nest in
 * middleware order; a page opts out with `ctx.render(page, { layout: false })`.
 *
 * @param component The layout for these routes.
 * @returns Middleware for `router.use()` or a route.
 *
 * @example A blog section inside the site layout
 * ```tsx
 * import { App, Router } from "@plinth/plinth";
 * import { type ComponentChildren, layout, templating } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * const Site = ({ children }: { children: ComponentChildren }) => <main>{children}</main>;
 * const Blog = ({ children }: { children: ComponentChildren }) => <article>{children}</article>;
 * const blog = new Router();
 * blog.use(layout(Blog));
 * blog.get("/first", (ctx) => ctx.render(<p>First post</p>));
 * const app = new App({ env: "test" }).register(templating({ layout: Site }));
 * app.mount("/blog", blog);
 * app.get("/about", (ctx) => ctx.render(<p>About</p>));
 *
 * const post = await (await app.request("/blog/first")).text();
 * assert.match(post, /<main><article><p>First post<\/p><\/article><\/main>/);
 * const about = await (await app.request("/about")).text();
 * assert.match(about, /<main><p>About<\/p><\/main>/);
 * ```
 */
export function layout(component: Layout): Middleware {
  if (typeof component !== "function") {
    throw new TypeError("Cannot use layout(): give it a component");
  }
  return function useLayout(ctx, next) {
    pushLayout(ctx, component);
    return next();
  };
}
