import { logging } from "../../plugins/logging/mod.ts";
import type { Handler } from "../_scenario.ts";
import { benchApp } from "./_plinth.ts";
import { benchLogDir } from "./_log_dir.ts";

// Production logging as a deployment that keeps log files would run it: every request writes a
// JSON line to a rotating file (the console is off so that the harness's terminal stays quiet).
export default async function loggingEnabled(): Promise<Handler> {
  const dir = benchLogDir();
  const app = benchApp().register(logging({
    level: "info",
    console: false,
    file: { path: `${dir}/app.log`, maxBytes: 16 * 1024 * 1024, maxFiles: 1 },
  }));
  app.get("/", (ctx) => ctx.text("Hello, world!"));
  await app.boot();
  return app.fetch;
}
