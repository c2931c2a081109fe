import type { Handler } from "../_scenario.ts";
import { benchApp } from "./_plinth.ts";

export default async function plinthJson(): Promise<Handler> {
  const app = benchApp();
  app.get("/json", (ctx) => ctx.json({ message: "Hello, world!", id: 42, tags: ["a", "b"] }));
  await app.boot();
  return app.fetch;
}
