import {
  type ComponentChildren,
  type ComponentType,
  type FunctionComponent,
  h,
  options,
} from "preact";
import { useContext } from "preact/hooks";
import { encodeProps } from "./_props_codec.ts";
import { type ContextMap, Provide, provide } from "./_provide.ts";
import { InsideIsland, RenderContext } from "./_render_state.ts";

/** An island: a component rendered on the server and hydrated in the browser. */
export interface IslandSpec {
  /** Unique; names the island in messages and its bundle file. */
  readonly name: string;
  /** The URL of the module the browser imports. */
  readonly module: string;
  /** The component, rendered on the server and hydrated in the browser. */
  readonly component: ComponentType<Record<string, unknown>>;
  /** What pages render on the server: the component inside a hydration marker. */
  readonly wrapper: FunctionComponent<Record<string, unknown>>;
  /** The module's export holding the component, once known. */
  exportName: string | undefined;
  /** The value that export holds on the server (the `island()` wrapper, or the component). */
  readonly exported: unknown;
}

const byName = new Map<string, IslandSpec>();
const byComponent = new Map<unknown, IslandSpec>();
let hooked = false;

/**
 * Registers an island; registering the same export again returns the first registration.
 *
 * @throws {Error} When the name is taken by another component.
 */
export function registerIsland(
  component: ComponentType<Record<string, unknown>>,
  details: { name: string; module: string; exportName?: string; byComponent: boolean },
): IslandSpec {
  const { name, module } = details;
  if (!/^[A-Za-z][\w./-]*$/.test(name)) {
    throw new TypeError(
      `Cannot register island "${name}": use letters, digits and ".-_/", starting with a letter`,
    );
  }
  const taken = byName.get(name);
  if (taken !== undefined) {
    if (taken.module === module && taken.component === component) return taken;
    throw new Error(`Cannot register island "${name}": ${taken.module} has an island of that name`);
  }
  const wrapper = islandWrapper(name, component);
  const spec: IslandSpec = {
    name,
    module,
    component,
    wrapper,
    exportName: details.exportName,
    exported: details.byComponent ? component : wrapper,
  };
  if (details.byComponent) {
    byComponent.set(component, spec);
    installHook();
  }
  byName.set(name, spec);
  return spec;
}

/** The island whose wrapper or component this is, if any. */
export function islandOf(value: unknown): IslandSpec | undefined {
  return byComponent.get(value) ??
    [...byName.values()].find((spec) => spec.wrapper === value);
}

/** Every island registered in this process. */
export function registeredIslands(): IslandSpec[] {
  return [...byName.values()];
}

/**
 * Finds, for each island, the export of its module that holds it.
 *
 * @throws {Error} When a module does not export its island.
 */
export async function resolveExports(specs: readonly IslandSpec[]): Promise<void> {
  for (const spec of specs) {
    if (spec.exportName !== undefined) continue;
    const exports: Record<string, unknown> = await import(spec.module);
    const found = Object.keys(exports).find((key) => exports[key] === spec.exported);
    if (found === undefined) {
      throw new Error(
        `Cannot find island "${spec.name}" among the exports of ${spec.module}: export what ` +
          "island() returns from the module that calls island()",
      );
    }
    spec.exportName = found;
  }
}

/** What the component of an island sees: its nested islands hydrate with it. */
let insideIsland: ContextMap | undefined;

/** The server-side component that renders an island inside its hydration marker. */
function islandWrapper(
  name: string,
  component: ComponentType<Record<string, unknown>>,
): FunctionComponent<Record<string, unknown>> {
  function Island(props: Record<string, unknown>): ComponentChildren {
    const render = useContext(RenderContext);
    const inside = useContext(InsideIsland);
    const inner = h(component, props);
    inner.type = component; // undo the vnode hook, which swaps islands for their wrappers
    if (render === undefined || inside) return inner;
    const { ref: _ref, ...data } = props;
    const id = render.islands.push({ spec: byName.get(name)!, props: encodeProps(data, name) }) - 1;
    return h(
      "plinth-island",
      { "data-island": String(id) },
      h(Provide, { context: insideIsland ??= provide(InsideIsland, true) }, inner),
    );
  }
  Island.displayName = `Island(${name})`;
  return Island;
}

/**
 * Makes pages render the components of an islands folder through their wrappers, as they import
 * the plain components: Preact's vnode hook swaps the type when such a component is used.
 */
function installHook(): void {
  if (hooked) return;
  hooked = true;
  const previous = options.vnode;
  options.vnode = (vnode) => {
    if (typeof vnode.type === "function") {
      const spec = byComponent.get(vnode.type);
      if (spec !== undefined) vnode.type = spec.wrapper as typeof vnode.type;
    }
    previous?.(vnode);
  };
}
