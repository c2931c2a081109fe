import { Hono, type MiddlewareHandler } from "hono";
import type { Handler } from "../_scenario.ts";
import { TEXT_HEADERS } from "./_headers.ts";

export default function honoMiddleware(): Promise<Handler> {
  const app = new Hono();
  for (let i = 0; i < 5; i++) {
    const layer: MiddlewareHandler = async function passThrough(_c, next) {
      await next();
    };
    app.use(layer);
  }
  app.get("/middleware", () => new Response("Hello, world!", { headers: TEXT_HEADERS }));
  return Promise.resolve(app.fetch);
}
