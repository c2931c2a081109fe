import type { Middleware } from "../../mod.ts";
import type { Handler } from "../_scenario.ts";
import { benchApp } from "./_plinth.ts";

export default async function plinthMiddleware(): Promise<Handler> {
  const app = benchApp();
  for (let i = 0; i < 5; i++) {
    const layer: Middleware = async function passThrough(_ctx, next) {
      return await next();
    };
    app.use(layer);
  }
  app.get("/middleware", (ctx) => ctx.text("Hello, world!"));
  await app.boot();
  return app.fetch;
}
