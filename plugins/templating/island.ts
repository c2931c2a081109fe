import type { ComponentType } from "./types.ts";
import { registerIsland } from "./_island_registry.ts";

/** Options of {@linkcode island}. */
export interface IslandOptions {
  /** A unique name, for messages and the bundle's file name: letters, digits, `.`, `-`, `_`. */
  name: string;
}

const SELF = import.meta.url;

/**
 * Makes a component an island: rendered on the server like any other, then hydrated in the
 * browser with the same props, so that it becomes interactive. Pages without islands ship no
 * JavaScript.
 *
 * Call it at the top level of the module that defines the component, and export what it
 * returns: that module is bundled for the browser, where this function returns the component
 * itself. Such a module must be safe to run in a browser: it may import `preact`, the hooks
 * and `island` from `@plinth/plinth/templating`, and other browser-safe modules. Props must be
 * plain data (strings, numbers, booleans, null, arrays, plain objects, Dates, Maps, Sets,
 * BigInts): they are serialised into the page.
 *
 * @param component The component.
 * @param options The island's name.
 * @returns The component to render in pages, typed as the one given.
 * @throws {Error} When the name is taken by another island or the caller cannot be told.
 *
 * @example An island (its module is bundled for the browser when a page renders it)
 * ```tsx
 * import { island, useState } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * function Counter({ start }: { start: number }) {
 *   const [count, setCount] = useState(start);
 *   return <button type="button" onClick={() => setCount(count + 1)}>{count}</button>;
 * }
 * export default island(Counter, { name: "DocCounter" });
 * assert.equal(typeof island(Counter, { name: "DocCounter" }), "function");
 * ```
 */
export function island<P>(component: ComponentType<P>, options: IslandOptions): ComponentType<P> {
  if (typeof component !== "function") {
    throw new TypeError(`Cannot make island "${options.name}": give it a component`);
  }
  const spec = registerIsland(component as ComponentType<Record<string, unknown>>, {
    name: options.name,
    module: callerModule(options.name),
    byComponent: false,
  });
  return spec.wrapper as unknown as ComponentType<P>;
}

/** The URL of the module that called `island()`, read from the stack. */
function callerModule(name: string): string {
  for (const line of (new Error().stack ?? "").split("\n").slice(1)) {
    const match = line.match(/((?:file|https?):\/\/[^\s()]+?):\d+:\d+\)?\s*$/);
    if (match !== null && match[1] !== SELF) return match[1];
  }
  throw new Error(
    `Cannot make island "${name}": cannot tell which module called island(); call it at the ` +
      "top level of the island's own module",
  );
}
