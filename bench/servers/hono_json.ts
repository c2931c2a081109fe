import { Hono } from "hono";
import type { Handler } from "../_scenario.ts";
import { JSON_HEADERS } from "./_headers.ts";

// As in hono_hello.ts: a Response with static headers is cheaper than c.json() plus headers.
export default function honoJson(): Promise<Handler> {
  const app = new Hono();
  app.get(
    "/json",
    () =>
      new Response(JSON.stringify({ message: "Hello, world!", id: 42, tags: ["a", "b"] }), {
        headers: JSON_HEADERS,
      }),
  );
  return Promise.resolve(app.fetch);
}
