import type { Handler } from "../_scenario.ts";
import { TEXT_HEADERS } from "./_headers.ts";

// raw_hello.ts's handler takes no argument, and Deno then skips making the Request object: a
// path no server that looks at its request can take. This one declares the request, as any
// routing server must, to show what that alone costs (no target: for reading the table).
export default function rawHelloRequest(): Promise<Handler> {
  return Promise.resolve((_request) => new Response("Hello, world!", { headers: TEXT_HEADERS }));
}
