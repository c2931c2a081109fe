import type { Context } from "./context.ts";

/**
 * A view: turns a request context into a response.
 *
 * @example A view
 * ```ts
 * import type { View } from "@plinth/plinth";
 *
 * const hello: View = (ctx) => ctx.text(`Hello, ${ctx.params.name}`);
 * ```
 */
export type View = (ctx: Context) => Response | Promise<Response>;

/** Calls the rest of the chain: the next middleware, or the view. */
export type Next = () => Promise<Response>;

/**
 * Middleware: runs before the next layer and sees its response on the way back. It must return a
 * response; calling `next()` twice throws.
 *
 * @example Timing a request
 * ```ts
 * import type { Middleware } from "@plinth/plinth";
 *
 * const timing: Middleware = async function timing(ctx, next) {
 *   const started = performance.now();
 *   const res = await next();
 *   res.headers.set("x-elapsed-ms", (performance.now() - started).toFixed(1));
 *   return res;
 * };
 * ```
 */
export type Middleware = (ctx: Context, next: Next) => Response | Promise<Response>;

/**
 * Composes middleware around a view into one function, once, at boot.
 *
 * @param middleware The layers, outermost first.
 * @param view The innermost handler.
 * @returns A function that runs the whole chain for one request.
 *
 * @example Composing two layers
 * ```ts
 * import { App, compose } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * const order: string[] = [];
 * const chain = compose([
 *   async (_ctx, next) => (order.push("a"), await next()),
 *   async (_ctx, next) => (order.push("b"), await next()),
 * ], (ctx) => ctx.text("done"));
 * const app = new App({ env: "test" });
 * app.get("/", chain);
 * await app.request("/");
 * assert.deepEqual(order, ["a", "b"]);
 * ```
 */
export function compose(middleware: readonly Middleware[], view: View): View {
  return layered(middleware, view, true);
}

/**
 * Before-routing middleware (`app.useBeforeRouting()`): like {@linkcode Middleware}, but `next()`
 * hands back the inner response as it comes, a `Response` or a promise of one, so that a request
 * answered synchronously stays on the fast path. Handle both, or `await next()`.
 *
 * @example A response-time header
 * ```ts
 * import type { OuterMiddleware } from "@plinth/plinth";
 *
 * const elapsed: OuterMiddleware = function elapsed(ctx, next) {
 *   const started = performance.now();
 *   const stamp = (res: Response) => {
 *     res.headers.set("x-elapsed-ms", (performance.now() - started).toFixed(1));
 *     return res;
 *   };
 *   const res = next();
 *   return res instanceof Promise ? res.then(stamp) : stamp(res);
 * };
 * ```
 */
export type OuterMiddleware = (
  ctx: Context,
  next: () => Response | Promise<Response>,
) => Response | Promise<Response>;

/** Composes before-routing middleware; `next()` passes synchronous responses through. Internal. */
export function composeOuter(middleware: readonly OuterMiddleware[], view: View): View {
  return layered(middleware as readonly Middleware[], view, false);
}

function layered(middleware: readonly Middleware[], view: View, promiseNext: boolean): View {
  if (middleware.length === 0) return view;
  const layers = [...middleware];
  const depth = layers.length;
  // A chain whose layers all answer synchronously (a page-cache hit) stays synchronous, so the
  // pipeline can skip promises and deadlines for it.
  return function chain(ctx: Context): Response | Promise<Response> {
    let reached = -1;
    const dispatch = (i: number): Response | Promise<Response> => {
      if (i <= reached) {
        return Promise.reject(new Error("Cannot call next() twice in one middleware"));
      }
      reached = i;
      try {
        if (i === depth) return view(ctx);
        const next = promiseNext
          ? () => Promise.resolve(dispatch(i + 1))
          : () => dispatch(i + 1) as Promise<Response>;
        return layers[i](ctx, next);
      } catch (error) {
        return Promise.reject(error);
      }
    };
    return dispatch(0);
  };
}
