import { Hono } from "hono";
import type { Handler } from "../_scenario.ts";
import { TEXT_HEADERS } from "./_headers.ts";
import { benchRoutes } from "./_routes.ts";

export default function honoRouter(): Promise<Handler> {
  const app = new Hono();
  for (const { method, path, label, param } of benchRoutes()) {
    app.on(
      method,
      path,
      (c) =>
        new Response(param ? `${label} ${c.req.param(param)}` : label, { headers: TEXT_HEADERS }),
    );
  }
  return Promise.resolve(app.fetch);
}
