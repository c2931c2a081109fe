import type { Handler } from "../_scenario.ts";
import { TEXT_HEADERS } from "./_headers.ts";

// The least any router does: read the request's method and URL (two calls into the runtime,
// made when first read) before answering. No target: it shows how much of the gap between
// Plinth and raw_hello.ts, whose handler reads nothing, is left to the framework.
export default function rawHelloUrl(): Promise<Handler> {
  return Promise.resolve((request) => {
    if (request.method !== "GET" || !request.url.endsWith("/")) {
      return new Response("Not found", { status: 404 });
    }
    return new Response("Hello, world!", { headers: TEXT_HEADERS });
  });
}
