import type { Handler } from "../_scenario.ts";
import { templating } from "../../plugins/templating/mod.ts";
import { benchApp } from "./_plinth.ts";
import { ITEMS, ItemTable, TABLE_PATH } from "./templating_page.tsx";

/** The table page through `ctx.render()`: document, CSP header and security headers. */
export default async function plinthTemplating(): Promise<Handler> {
  const app = benchApp().register(templating());
  app.get(TABLE_PATH, (ctx) => ctx.render(<ItemTable items={ITEMS} />));
  await app.boot();
  return app.fetch;
}
