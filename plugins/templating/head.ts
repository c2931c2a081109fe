import type { ComponentChildren } from "./types.ts";
import { useContext } from "preact/hooks";
import { HeadLevel, RenderContext } from "./_render_state.ts";

/** Props of {@linkcode Head}. */
export interface HeadProps {
  /** `title`, `meta`, `link`, `script`, `style` and `base` elements. */
  children?: ComponentChildren;
}

/**
 * Puts its children into the document's `<head>`, from anywhere in a page or layout. Entries are
 * de-duplicated by their `id` (precompiled JSX drops `key` from plain elements, so give an `id`
 * to tell entries apart yourself), the title, a meta's `name`/`property`/`http-equiv`, a
 * canonical or icon link's `rel` (other links by `rel` and `href`) and a script's `src`: the
 * innermost wins (the page over its layouts, a nested layout over the app layout; among equals
 * the later). Scripts get the response's CSP nonce. Renders nothing in place.
 *
 * In a streamed render, only the `<Head>`s of the shell count: the head is sent before
 * `Suspense` boundaries resolve.
 *
 * @param props The head elements.
 * @returns Nothing, in place.
 * @throws {TypeError} When a child is not one of the head elements above.
 *
 * @example A layout's title replaced by the page's
 * ```tsx
 * import { App } from "@plinth/plinth";
 * import { type ComponentChildren, Head, templating } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * function Site({ children }: { children: ComponentChildren }) {
 *   return (
 *     <main>
 *       <Head>
 *         <title>Site</title>
 *         <meta name="description" content="A site" />
 *       </Head>
 *       {children}
 *     </main>
 *   );
 * }
 * const app = new App({ env: "test" }).register(templating({ layout: Site }));
 * app.get("/", (ctx) =>
 *   ctx.render(
 *     <Head>
 *       <title>Home</title>
 *     </Head>,
 *   ));
 * const html = await (await app.request("/")).text();
 * assert.match(html, /<title>Home<\/title><meta name="description" content="A site">/);
 * assert.doesNotMatch(html, /<title>Site<\/title>/);
 * ```
 */
export function Head(props: HeadProps): null {
  const state = useContext(RenderContext);
  const level = useContext(HeadLevel);
  state?.head.add(props.children, level);
  return null;
}
