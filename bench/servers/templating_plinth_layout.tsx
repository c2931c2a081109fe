import type { Handler } from "../_scenario.ts";
import { Head, templating } from "../../plugins/templating/mod.ts";
import { benchApp } from "./_plinth.ts";
import { ITEMS, ItemTable, Site, TABLE_PATH } from "./templating_page.tsx";

/** The table page in the app layout, with its title set by `<Head>`. */
export default async function plinthTemplatingLayout(): Promise<Handler> {
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
