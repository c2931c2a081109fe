import type { Handler } from "../_scenario.ts";
import { JSON_HEADERS } from "./_headers.ts";

export default function rawJson(): Promise<Handler> {
  return Promise.resolve(() =>
    new Response(JSON.stringify({ message: "Hello, world!", id: 42, tags: ["a", "b"] }), {
      headers: JSON_HEADERS,
    })
  );
}
