import { AsyncLocalStorage } from "node:async_hooks";
import type { Handler } from "../_scenario.ts";
import { TEXT_HEADERS } from "./_headers.ts";

// The runtime's share of a logging plugin's cost: raw_hello.ts with its handler run in an async
// context, as any per-request log context must be. No target: a reference for the logging duels.
export default function rawHelloContext(): Promise<Handler> {
  const context = new AsyncLocalStorage<{ readonly request: number }>();
  let requests = 0;
  const answer = () => new Response("Hello, world!", { headers: TEXT_HEADERS });
  return Promise.resolve(() => context.run({ request: ++requests }, answer));
}
