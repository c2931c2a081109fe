import { type ComponentChildren, type Context, h } from "preact";
import { renderToString } from "preact-render-to-string";

/**
 * Context values for a server render, keyed as Preact keys its providers: a renderer's starting
 * context, or what {@linkcode Provide} adds for its children.
 */
export type ContextMap = Readonly<Record<string, unknown>>;

/**
 * A context map in which `context` has `value`, as inside `<context.Provider value={value}>`.
 * `useContext()` reads a provider's `props.value` and calls its `sub()` to be told of changes,
 * which a server render never makes.
 *
 * Preact's Provider element makes a component, a Set and three closures each time it renders,
 * and measured between 5 and 30 µs of CPU per request in a server under load (a whole 50-row
 * table page costs about 60 µs); these maps are one small object, or made once for constant
 * values.
 */
export function provide<T>(context: Context<T>, value: T): ContextMap {
  return { [keyOf(context as Context<unknown>)]: { props: { value }, sub: ignore } };
}

/**
 * Renders its children with `props.context` added to the enclosing contexts, as Preact's own
 * Provider does (a function component may give its children context through
 * `this.getChildContext`).
 */
export function Provide(
  this: { getChildContext?: () => ContextMap },
  props: { context: ContextMap; children?: ComponentChildren },
): ComponentChildren {
  this.getChildContext = childContext;
  return props.children;
}

function childContext(this: { props: { context: ContextMap } }): ContextMap {
  return this.props.context;
}

function ignore(): void {}

const keys = new Map<Context<unknown>, string>();

function keyOf(context: Context<unknown>): string {
  let key = keys.get(context);
  if (key === undefined) keys.set(context, key = providerKey(context));
  return key;
}

/**
 * The key under which Preact's context map holds the providers of `context`, read from a render
 * through a real Provider (function components get the map as their second argument), so that
 * no mangled Preact name is written here.
 *
 * @throws {Error} When Preact no longer passes the map so.
 */
function providerKey(context: Context<unknown>): string {
  let found: string[] = [];
  const probe = (_props: unknown, map: Record<string, unknown>) => {
    found = Object.keys(map);
    return null;
  };
  renderToString(h(context.Provider, { value: undefined }, h(probe, null)));
  if (found.length !== 1) {
    throw new Error(
      "Cannot find where Preact keeps context providers: update the templating plugin",
    );
  }
  return found[0];
}
