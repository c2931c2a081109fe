import { logging } from "../../plugins/logging/mod.ts";
import type { Handler } from "../_scenario.ts";
import { benchApp } from "./_plinth.ts";

// Production logging at `warning`: the request line (info) is below the level, so a successful
// request writes nothing; the plugin still wraps every request (request context, timing).
export default async function loggingDisabled(): Promise<Handler> {
  const app = benchApp().register(logging({ level: "warning" }));
  app.get("/", (ctx) => ctx.text("Hello, world!"));
  await app.boot();
  return app.fetch;
}
