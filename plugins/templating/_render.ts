import { type ComponentChildren, Fragment, h, isValidElement, type VNode } from "preact";
import { renderToString, renderToStringAsync } from "preact-render-to-string";
import { renderToReadableStream } from "preact-render-to-string/stream";
import type { Context } from "../../core/mod.ts";
import { type DocumentConfig, documentEnd, documentStart, htmlResponse } from "./_document.ts";
import { routeLayouts } from "./_layouts.ts";
import { type ContextMap, Provide, provide } from "./_provide.ts";
import { HeadLevel, RenderContext, RenderState } from "./_render_state.ts";
import type { Layout } from "./layout.ts";

/**
 * Options of `ctx.render()`.
 *
 * @example A page with a status and no layout
 * ```tsx
 * import { App } from "@plinth/plinth";
 * import { type RenderOptions, templating } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * const options: RenderOptions = { status: 202, layout: false, headers: { "x-page": "plain" } };
 * const app = new App({ env: "test" }).register(templating());
 * app.get("/", (ctx) => ctx.render(<p>Queued</p>, options));
 * const res = await app.request("/");
 * assert.equal(res.status, 202);
 * assert.equal(res.headers.get("x-page"), "plain");
 * assert.match(await res.text(), /<body><p>Queued<\/p><\/body>/);
 * ```
 */
export interface RenderOptions {
  /** The status; 200 by default. */
  status?: number;
  /** Extra headers; they win over the plugin's own. */
  headers?: HeadersInit;
  /**
   * `false` renders the page without any layout; a component renders it inside that layout
   * only, instead of the app's and the route group's.
   */
  layout?: Layout | false;
  /**
   * Streams the document: the head and the shell go out at once, with `Suspense` boundaries
   * (such as `<Await>`) showing their fallbacks; their content follows as it resolves.
   */
  stream?: boolean;
}

/** `ctx.render()`, for one app. */
export type Render = (
  this: Context,
  page: ComponentChildren,
  options?: RenderOptions,
) => Response | Promise<Response>;

const SUSPENDED = 'Use "renderToStringAsync" for suspenseful rendering.';
const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** What the streaming renderer writes for a boundary whose content failed to render. */
const FAILED_BOUNDARY = /^<preact-island hidden data-target="[^"]*">undefined<\/preact-island>$/;

/** Makes `ctx.render()` for an app: its layout and document settings. */
export function renderer(config: DocumentConfig & { readonly layout: Layout | undefined }): Render {
  const appLayouts: readonly Layout[] = config.layout === undefined ? [] : [config.layout];
  return function render(this: Context, page, options = {}) {
    const route = routeLayouts(this);
    const layouts = options.layout === false
      ? []
      : options.layout !== undefined
      ? [options.layout]
      : route === undefined
      ? appLayouts
      : [...appLayouts, ...route];
    if (options.stream) return streamed(this, page, layouts, config, options);
    const state = new RenderState(this);
    let body: string;
    try {
      body = renderToString(tree(page, layouts), provide(RenderContext, state));
    } catch (error) {
      if (!(error instanceof Error) || error.message !== SUSPENDED) throw error;
      return waited(this, page, layouts, config, options);
    }
    return finish(state, body, config, options);
  };
}

/**
 * The page inside its layouts, each telling `<Head>` its depth, as one element. The render's
 * state is not in it: it is the renderer's starting context.
 */
function tree(page: ComponentChildren, layouts: readonly Layout[]): VNode {
  let node = layouts.length === 0 ? page : h(Provide, { context: level(layouts.length) }, page);
  for (let i = layouts.length - 1; i >= 0; i--) {
    const wrapped = h(layouts[i], { children: node });
    node = i === 0 ? wrapped : h(Provide, { context: level(i) }, wrapped);
  }
  return isValidElement(node) ? node : h(Fragment, null, node);
}

const levels: ContextMap[] = [];

function level(depth: number): ContextMap {
  return levels[depth] ??= provide(HeadLevel, depth);
}

function finish(
  state: RenderState,
  body: string,
  config: DocumentConfig,
  options: RenderOptions,
): Response | Promise<Response> {
  const start = documentStart(state, config);
  const end = documentEnd(state, config);
  return typeof end === "string"
    ? htmlResponse(state, config, start + body + end, options)
    : end.then((text) => htmlResponse(state, config, start + body + text, options));
}

/** A page that suspends, rendered whole once its data is there. */
async function waited(
  ctx: Context,
  page: ComponentChildren,
  layouts: readonly Layout[],
  config: DocumentConfig,
  options: RenderOptions,
): Promise<Response> {
  const state = new RenderState(ctx);
  const body = await renderToStringAsync(tree(page, layouts), provide(RenderContext, state));
  return await finish(state, body, config, options);
}

/**
 * Streams the document. The renderer writes the whole shell (everything outside pending
 * boundaries) as its first chunk, so the head, collected while rendering it, can go first; a
 * shell that throws rejects here, before anything is sent, and becomes an ordinary error page.
 * After the shell, a boundary whose content fails keeps its fallback.
 */
async function streamed(
  ctx: Context,
  page: ComponentChildren,
  layouts: readonly Layout[],
  config: DocumentConfig,
  options: RenderOptions,
): Promise<Response> {
  const state = new RenderState(ctx);
  const source = renderToReadableStream(
    tree(page, layouts),
    { nonce: state.nonce },
    provide(RenderContext, state),
  );
  source.allReady.catch(() => {});
  const reader = source.getReader();
  const shell = await reader.read();
  const start = encoder.encode(documentStart(state, config));
  let hidden = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(start);
      if (!shell.done) controller.enqueue(shell.value);
    },
    async pull(controller) {
      // Each call must enqueue something or close: a pull that does neither is not repeated.
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          ctx.log.error("Streaming a page failed after its shell was sent", { error });
          chunk = { done: true, value: undefined };
          if (hidden) controller.enqueue(encoder.encode("</div>"));
        }
        if (chunk.done) {
          controller.enqueue(encoder.encode(await documentEnd(state, config)));
          controller.close();
          return;
        }
        const text = decoder.decode(chunk.value);
        if (text === "<div hidden>") hidden = true;
        else if (text === "</div>") hidden = false;
        if (!FAILED_BOUNDARY.test(text)) {
          controller.enqueue(chunk.value);
          return;
        }
        ctx.log.error("A Suspense boundary failed to render; its fallback stays");
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return htmlResponse(state, config, body, options);
}
