import type { ComponentChildren as PreactChildren, VNode as PreactVNode } from "preact";

/**
 * What a component may render or receive as `children`: elements, strings, numbers, booleans,
 * `null`, `undefined`, or lists of these (Preact's `ComponentChildren`).
 *
 * @example A layout's children
 * ```tsx
 * import type { ComponentChildren } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * function Card({ children }: { children: ComponentChildren }) {
 *   return <section class="card">{children}</section>;
 * }
 * assert.equal(typeof Card({ children: "Hi" }), "object");
 * ```
 */
export type ComponentChildren = PreactChildren;

/**
 * An element, as JSX makes it (Preact's `VNode`).
 *
 * @example An element
 * ```tsx
 * import type { VNode } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * const title: VNode = <h1>Hello</h1>;
 * assert.equal(typeof title, "object");
 * ```
 */
export type VNode = PreactVNode;

/**
 * A function component: props in, elements out. Islands, layouts and error pages are such
 * components.
 *
 * @example A component
 * ```tsx
 * import type { ComponentType } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * const Greeting: ComponentType<{ name: string }> = ({ name }) => <p>Hello, {name}</p>;
 * assert.equal(typeof Greeting, "function");
 * ```
 */
export type ComponentType<P = Record<string, never>> = (props: P) => ComponentChildren;
