import type { Handler } from "../_scenario.ts";
import { TEXT_HEADERS } from "./_headers.ts";

// The runtime's share of echoing a request id: raw_hello.ts with one more header whose value
// changes on every response, as `X-Request-Id` does. No target: a reference for the logging duels.
export default function rawHelloRequestId(): Promise<Handler> {
  const prefix = crypto.randomUUID().slice(0, 8);
  let requests = 0;
  return Promise.resolve(() =>
    new Response("Hello, world!", {
      headers: { ...TEXT_HEADERS, "x-request-id": `${prefix}-${(++requests).toString(36)}` },
    })
  );
}
