/// <reference lib="dom" />
// The browser side of islands, bundled with them: reads the page's island list and hydrates each
// `<plinth-island data-island="N">` with its component and props.
import { type ComponentType, h, hydrate } from "preact";
import { decodeProps } from "./_props_codec.ts";

/** One island on the page: its bundle's URL, the export holding it, and its encoded props. */
type IslandEntry = [url: string, exportName: string, props: unknown];

/**
 * Hydrates the islands listed as JSON in the element with id `dataId`, marking each hydrated
 * island `data-hydrated` (for styles and browser tests). Streamed pages first let
 * preact-render-to-string move resolved `Suspense` content into place.
 */
export async function boot(dataId: string): Promise<void> {
  const entries = JSON.parse(document.getElementById(dataId)?.textContent ?? "[]") as IslandEntry[];
  while (document.querySelector("preact-island") !== null) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  const modules = new Map<string, Promise<Record<string, ComponentType>>>();
  await Promise.all(entries.map(async ([url, exportName, props], index) => {
    const marker = document.querySelector(`plinth-island[data-island="${index}"]`);
    if (marker === null) return;
    let module = modules.get(url);
    if (module === undefined) modules.set(url, module = import(url));
    const component = (await module)[exportName];
    hydrate(h(component, decodeProps(props) as Record<string, unknown>), marker);
    marker.setAttribute("data-hydrated", "");
  }));
}
