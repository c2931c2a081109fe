import { Component, h, type VNode } from "preact";
import type { ComponentChildren } from "./types.ts";
import { useContext } from "preact/hooks";
import { RenderContext } from "./_render_state.ts";

/** Props of {@linkcode Await}. */
export interface AwaitProps<T> {
  /** The data to wait for, usually started by the view before rendering. */
  promise: Promise<T>;
  /** Shown until the data is there (streamed renders), and if it fails (unless `error`). */
  fallback?: ComponentChildren;
  /** Shown instead of `fallback` when the promise rejects. */
  error?: (reason: unknown) => ComponentChildren;
  /** Renders the data. */
  children: (value: T) => ComponentChildren;
}

interface Settled {
  status: "pending" | "fulfilled" | "rejected";
  value?: unknown;
  reason?: unknown;
  readonly wait: Promise<void>;
}

const settled = new WeakMap<Promise<unknown>, Settled>();

/**
 * A `Suspense` boundary for data: renders `children(value)` once `promise` resolves. With
 * `ctx.render(page, { stream: true })` the page is sent at once with `fallback` in place, and
 * the content follows in the same response when the data arrives; otherwise the render waits
 * for it. A rejected promise renders `error(reason)` or the fallback (and is logged as an
 * error), never a broken page.
 *
 * Built without `preact/compat` (whose global hooks slow every render): the boundary is marked
 * the way preact-render-to-string's streaming renderer recognises `Suspense`.
 *
 * @param props The promise, the fallback and the render function.
 * @returns The boundary.
 *
 * @example Waiting for data
 * ```tsx
 * import { App } from "@plinth/plinth";
 * import { Await, templating } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * const app = new App({ env: "test" }).register(templating());
 * app.get("/", (ctx) => {
 *   const names = Promise.resolve(["Ann", "Bob"]);
 *   return ctx.render(
 *     <Await promise={names} fallback={<p>Loading…</p>}>
 *       {(list) => <p>{list.join(", ")}</p>}
 *     </Await>,
 *   );
 * });
 * assert.match(await (await app.request("/")).text(), /<p>Ann, Bob<\/p>/);
 * ```
 */
export function Await<T>(props: AwaitProps<T>): ComponentChildren {
  return h(Boundary, { fallback: props.fallback }, h(Resolve<T>, props));
}

/** Recognised by the streaming renderer as a `Suspense` boundary: see {@linkcode markBoundary}. */
class Boundary extends Component<{ fallback: ComponentChildren; children?: ComponentChildren }> {
  override render(): VNode {
    // The renderer looks for the boundary above the component that caught the suspension, so
    // the content sits one component deeper.
    return h(Slot, null, this.props.children);
  }
}
markBoundary(Boundary);

function Slot(props: { children?: ComponentChildren }): ComponentChildren {
  return props.children;
}

/**
 * preact-render-to-string treats a component as a `Suspense` boundary when it has Preact's
 * mangled `_childDidSuspend` method (`__c`, its `CHILD_DID_SUSPEND`), as compat's `Suspense`
 * has; it then renders the `fallback` prop in place and streams `children` later.
 */
function markBoundary(boundary: { prototype: object }): void {
  Object.defineProperty(boundary.prototype, "__c", { value: function childDidSuspend() {} });
}

function Resolve<T>(props: AwaitProps<T>): ComponentChildren {
  const render = useContext(RenderContext);
  const state = track(props.promise);
  if (state.status === "pending") throw state.wait;
  if (state.status === "fulfilled") return props.children(state.value as T);
  render?.ctx.log.error("Awaited data failed; rendering the fallback", { error: state.reason });
  return props.error ? props.error(state.reason) : props.fallback;
}

function track(promise: Promise<unknown>): Settled {
  let state = settled.get(promise);
  if (state === undefined) {
    const entry: Settled = {
      status: "pending",
      wait: promise.then((value) => {
        entry.status = "fulfilled";
        entry.value = value;
      }, (reason) => {
        entry.status = "rejected";
        entry.reason = reason;
      }),
    };
    settled.set(promise, state = entry);
  }
  return state;
}
