// What `@plinth/plinth/templating` is in the browser: island bundles are built with an import
// map that points the plugin's public module here, so that island modules may import `island`
// and the hooks without pulling the server side (renderer, Deno APIs) into the bundle. Every
// value exported here must be exported by mod.ts with the same meaning.
import type { ComponentType } from "preact";
import type { IslandOptions } from "./island.ts";

export { useCallback, useEffect, useMemo, useRef, useState } from "./hooks.ts";

/** In the browser an island is its component: the server already marked where it hydrates. */
export function island<P>(component: ComponentType<P>, _options: IslandOptions): ComponentType<P> {
  return component;
}
