import type { Handler } from "../_scenario.ts";
import { TEXT_HEADERS } from "./_headers.ts";

// The limit: no routing and no middleware.
export default function rawMiddleware(): Promise<Handler> {
  return Promise.resolve(() => new Response("Hello, world!", { headers: TEXT_HEADERS }));
}
