import type { Handler } from "../_scenario.ts";
import { TEXT_TYPE } from "./_headers.ts";

export default function rawHelloMinimal(): Promise<Handler> {
  return Promise.resolve(() => new Response("Hello, world!", { headers: TEXT_TYPE }));
}
