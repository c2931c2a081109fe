import { renderToString } from "preact-render-to-string";
import type { Handler } from "../_scenario.ts";
import { TEMPLATING_HEADERS } from "./templating_raw.tsx";
import { ITEMS, ItemTable, Site } from "./templating_page.tsx";

const START = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Items</title>' +
  "</head><body>";

/** Raw `Deno.serve` rendering the layout and the table, the title written into the head. */
export default function rawTemplatingLayout(): Promise<Handler> {
  return Promise.resolve(() => {
    const body = renderToString(
      <Site>
        <ItemTable items={ITEMS} />
      </Site>,
    );
    return new Response(`${START}${body}</body></html>`, { headers: TEMPLATING_HEADERS });
  });
}
