import type { Handler } from "../_scenario.ts";
import { Head, templating } from "../../plugins/templating/mod.ts";
import { benchApp } from "./_plinth.ts";
import { ITEMS, ItemTable, Site, TABLE_PATH } from "./templating_page.tsx";

/** The table page through `ctx.render()`: app layout, `<Head>`, CSP header, security headers. */
export default async function plinthTemplating(): Promise<Handler> {
  const app = benchApp().register(templating({ layout: Site }));
  app.get(TABLE_PATH, (ctx) =>
    ctx.render(
      <>
        <Head>
          <title>Items</title>
        </Head>
        <ItemTable items={ITEMS} />
      </>,
    ));
  await app.boot();
  return app.fetch;
}
