import { renderToString } from "preact-render-to-string";
import type { Handler } from "../_scenario.ts";
import { SECURITY_HEADERS } from "./_headers.ts";
import { ITEMS, ItemTable } from "./templating_page.tsx";

/** The policy the templating plugin sends on pages without inline scripts. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; " +
  "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** What a templating page without inline scripts is sent with. */
export const TEMPLATING_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": CSP,
  ...SECURITY_HEADERS,
};

const START = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>';

/** Raw `Deno.serve` with `renderToString` of the same components, sending the same bytes. */
export default function rawTemplating(): Promise<Handler> {
  return Promise.resolve(() => {
    const body = renderToString(<ItemTable items={ITEMS} />);
    return new Response(`${START}${body}</body></html>`, { headers: TEMPLATING_HEADERS });
  });
}
