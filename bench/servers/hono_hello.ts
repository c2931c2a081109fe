import { Hono } from "hono";
import type { Handler } from "../_scenario.ts";
import { TEXT_HEADERS } from "./_headers.ts";

// Hono's cheapest way to send fixed headers: a Response with a static header object (c.text()
// would build a Headers object and set each one).
export default function honoHello(): Promise<Handler> {
  const app = new Hono();
  app.get("/", () => new Response("Hello, world!", { headers: TEXT_HEADERS }));
  return Promise.resolve(app.fetch);
}
