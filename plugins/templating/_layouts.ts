import type { Context } from "../../core/mod.ts";
import type { Layout } from "./layout.ts";

const stacks = new WeakMap<Context, Layout[]>();

/** Adds a layout for this request, inside those added before it. */
export function pushLayout(ctx: Context, component: Layout): void {
  const stack = stacks.get(ctx);
  if (stack === undefined) stacks.set(ctx, [component]);
  else stack.push(component);
}

/** The layouts that `layout()` middleware pushed for this request, outermost first. */
export function routeLayouts(ctx: Context): readonly Layout[] | undefined {
  return stacks.get(ctx);
}
