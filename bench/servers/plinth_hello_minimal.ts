import type { Handler } from "../_scenario.ts";
import { benchApp } from "./_plinth.ts";

export default async function plinthHelloMinimal(): Promise<Handler> {
  const app = benchApp({ securityHeaders: false });
  app.get("/", (ctx) => ctx.text("Hello, world!"));
  await app.boot();
  return app.fetch;
}
