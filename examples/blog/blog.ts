// The blog as a plugin (a Django "app"): its models and migrations, its routes and, outside
// production, migrating and seeding the database at start.
import type { App, Plugin } from "@plinth/plinth";
import { defineBlogModels } from "./models.ts";
import { seed } from "./seed.ts";
import { serveStylesheet } from "./stylesheet.ts";
import { api } from "./views/api.ts";
import { health } from "./views/health.ts";
import { pages } from "./views/pages.tsx";
import { staff } from "./views/staff.tsx";

const MIGRATIONS = new URL("./migrations/", import.meta.url);

/** Options of the {@linkcode blog} plugin. */
export interface BlogPluginOptions {
  /** Apply pending migrations at start (development); production runs `manage migrate`. */
  readonly migrate?: boolean;
  /** Add the example posts to an empty database at start. */
  readonly seed?: boolean;
}

/** The blog: models, pages, staff area, API, probes and the stylesheet. */
export function blog(options: BlogPluginOptions = {}): Plugin {
  return {
    name: "blog",
    dependsOn: ["model", "auth", "cache", "templating"],
    async setup(app: App) {
      const models = defineBlogModels(app.auth.userModel);
      app.db.register(Object.values(models), { app: "blog", migrations: MIGRATIONS });
      app.mount("/", health());
      app.mount("/", pages(models));
      app.mount("/staff", staff(models), { namespace: "staff" });
      app.mount("/api", api(models), { namespace: "api" });
      await serveStylesheet(app);
      if (options.migrate) {
        const { applied } = await app.db.migrate();
        if (applied.length > 0) app.log.info("Applied migrations", { applied });
        if (options.seed && await seed(app, models)) {
          app.log.info(
            "Added example posts. Create a staff account with: " +
              "deno task manage createsuperuser --username <name> --email <address>",
          );
        }
      }
    },
  };
}
