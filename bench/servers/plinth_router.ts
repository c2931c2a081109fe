import type { Handler } from "../_scenario.ts";
import { benchApp } from "./_plinth.ts";
import { benchRoutes } from "./_routes.ts";

export default async function plinthRouter(): Promise<Handler> {
  const app = benchApp();
  for (const { method, path, label, param } of benchRoutes()) {
    app.on([method], path, (ctx) => ctx.text(param ? `${label} ${ctx.params[param]}` : label));
  }
  await app.boot();
  return app.fetch;
}
