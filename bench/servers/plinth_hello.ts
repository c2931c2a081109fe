import type { Handler } from "../_scenario.ts";
import { benchApp } from "./_plinth.ts";

export default async function plinthHello(): Promise<Handler> {
  const app = benchApp();
  app.get("/", (ctx) => ctx.text("Hello, world!"));
  await app.boot();
  return app.fetch;
}
