import { Hono } from "hono";
import type { Handler } from "../_scenario.ts";
import { TEXT_TYPE } from "./_headers.ts";

// c.text() would send "text/plain;charset=UTF-8"; this sends Plinth's exact content type.
export default function honoHelloMinimal(): Promise<Handler> {
  const app = new Hono();
  app.get("/", () => new Response("Hello, world!", { headers: TEXT_TYPE }));
  return Promise.resolve(app.fetch);
}
