import type { Handler } from "../_scenario.ts";
import { cache, MemoryStore, pageCache } from "../../plugins/cache/mod.ts";
import { benchApp } from "./_plinth.ts";
import { PAGE_HTML, PAGE_PATH, PAGE_TTL } from "./cache_page_content.ts";

/** A Plinth route behind the page cache on the memory store: every measured request is a hit. */
export default async function plinthPageCache(): Promise<Handler> {
  const app = benchApp().register(cache({ store: new MemoryStore() }));
  app.get(PAGE_PATH, pageCache({ ttl: PAGE_TTL }), (ctx) => ctx.html(PAGE_HTML));
  await app.boot();
  return app.fetch;
}
