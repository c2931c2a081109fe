import type { Handler } from "../_scenario.ts";
import { TEXT_HEADERS } from "./_headers.ts";

export default function rawHello(): Promise<Handler> {
  return Promise.resolve(() => new Response("Hello, world!", { headers: TEXT_HEADERS }));
}
