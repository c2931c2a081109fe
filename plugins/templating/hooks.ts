// Preact's hooks, re-exported under Plinth's documentation so that islands and pages import
// Preact only through this plugin. Browser-safe: island bundles import this file.
import * as hooks from "preact/hooks";

/** A state setter: a new value, or a function of the previous one. */
export type SetState<S> = (next: S | ((previous: S) => S)) => void;

/**
 * A value kept between renders of an island, and its setter; setting it renders again.
 *
 * @param initial The first value, or a function computing it.
 * @returns The current value and its setter.
 *
 * @example A counter island
 * ```tsx
 * import { useState } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * function Counter() {
 *   const [count, setCount] = useState(0);
 *   return <button type="button" onClick={() => setCount((n) => n + 1)}>{count}</button>;
 * }
 * assert.equal(typeof Counter, "function");
 * ```
 */
export function useState<S>(initial: S | (() => S)): [S, SetState<S>] {
  return hooks.useState(initial);
}

/**
 * Runs `effect` in the browser after rendering, again when a dependency changes; the function
 * it returns cleans up. Never runs on the server.
 *
 * @param effect The effect, which may return a clean-up function.
 * @param dependencies Values whose change re-runs it; none: after every render.
 *
 * @example Updating the document title
 * ```tsx
 * import { useEffect } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * function Title({ text }: { text: string }) {
 *   useEffect(() => {
 *     document.title = text;
 *   }, [text]);
 *   return null;
 * }
 * assert.equal(typeof Title, "function");
 * ```
 */
export function useEffect(
  effect: () => void | (() => void),
  dependencies?: readonly unknown[],
): void {
  hooks.useEffect(effect, dependencies as unknown[] | undefined);
}

/**
 * A mutable box kept between renders, such as a reference to an element.
 *
 * @param initial The box's first content.
 * @returns The box; `current` holds the value.
 *
 * @example Focusing an input
 * ```tsx
 * import { useEffect, useRef } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * function Search() {
 *   const input = useRef<HTMLInputElement | null>(null);
 *   useEffect(() => input.current?.focus(), []);
 *   return <input ref={input} type="search" />;
 * }
 * assert.equal(typeof Search, "function");
 * ```
 */
export function useRef<T>(initial: T): { current: T } {
  return hooks.useRef(initial);
}

/**
 * A value computed again only when a dependency changes.
 *
 * @param compute Computes the value.
 * @param dependencies Values whose change recomputes it.
 * @returns The value.
 *
 * @example Sorting once per list
 * ```tsx
 * import { useMemo } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * function Sorted({ names }: { names: string[] }) {
 *   const sorted = useMemo(() => [...names].sort(), [names]);
 *   return <ul>{sorted.map((name) => <li key={name}>{name}</li>)}</ul>;
 * }
 * assert.equal(typeof Sorted, "function");
 * ```
 */
export function useMemo<T>(compute: () => T, dependencies: readonly unknown[]): T {
  return hooks.useMemo(compute, dependencies as unknown[]);
}

/**
 * The same function between renders until a dependency changes, for handlers passed down.
 *
 * @param callback The function.
 * @param dependencies Values whose change makes a new function.
 * @returns The function.
 *
 * @example A stable handler
 * ```tsx
 * import { useCallback, useState } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * function Toggle() {
 *   const [on, setOn] = useState(false);
 *   const toggle = useCallback(() => setOn((value) => !value), []);
 *   return <button type="button" onClick={toggle}>{on ? "On" : "Off"}</button>;
 * }
 * assert.equal(typeof Toggle, "function");
 * ```
 */
export function useCallback<F extends (...args: never[]) => unknown>(
  callback: F,
  dependencies: readonly unknown[],
): F {
  return hooks.useCallback(callback, dependencies as unknown[]);
}
