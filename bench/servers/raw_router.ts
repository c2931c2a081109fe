import type { Handler } from "../_scenario.ts";
import { TEXT_HEADERS } from "./_headers.ts";
import { ROUTER_LABEL } from "./_routes.ts";

// The limit: one route, no matching, the id cut from the URL.
export default function rawRouter(): Promise<Handler> {
  return Promise.resolve((req) => {
    const id = req.url.slice(req.url.lastIndexOf("/") + 1);
    return new Response(`${ROUTER_LABEL} ${id}`, { headers: TEXT_HEADERS });
  });
}
