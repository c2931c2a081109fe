import type { Handler } from "../_scenario.ts";
import { PAGE_HEADERS, PAGE_HTML } from "./cache_page_content.ts";

/**
 * Raw `Deno.serve` sending the same bytes as a page-cache hit: the page is "stored" by the first
 * GET (which, like the cache's miss, has no `Age`), and later answers carry `Age` in whole
 * seconds since then, computed per request as the cache does.
 */
export default function rawPageCache(): Promise<Handler> {
  let storedAt: number | undefined;
  return Promise.resolve((req) => {
    if (storedAt === undefined) {
      if (req.method === "GET") storedAt = Date.now();
      return new Response(PAGE_HTML, { headers: PAGE_HEADERS });
    }
    const age = String(Math.floor((Date.now() - storedAt) / 1000));
    return new Response(PAGE_HTML, { headers: { ...PAGE_HEADERS, age } });
  });
}
