import type { Scenario } from "../_scenario.ts";
import { ROUTER_PATH } from "../servers/_routes.ts";

function trio(kind: string): Scenario["servers"] {
  return ["plinth", "raw", "hono"].map((label) => ({
    label,
    module: `servers/${label}_${kind}.ts`,
  }));
}

const beatsHono = { label: "plinth", against: "hono", ratio: 1 };
const nearRaw = { label: "plinth", against: "raw", ratio: 0.95 };

export const scenarios: Scenario[] = [
  {
    name: "hello",
    path: "/",
    servers: [
      ...trio("hello"),
      { label: "raw, request declared", module: "servers/raw_hello_request.ts" },
      { label: "raw, reads method and URL", module: "servers/raw_hello_url.ts" },
    ],
    targets: [nearRaw, beatsHono],
    references: [
      { label: "raw, reads method and URL", against: "raw" },
      { label: "plinth", against: "raw, reads method and URL" },
    ],
  },
  {
    name: "hello (minimal)",
    path: "/",
    servers: trio("hello_minimal"),
    targets: [nearRaw, beatsHono],
  },
  { name: "json", path: "/json", servers: trio("json"), targets: [beatsHono] },
  {
    name: "router: param route among 200 (raw = 1-route limit)",
    path: ROUTER_PATH,
    servers: trio("router"),
    targets: [beatsHono],
  },
  {
    name: "5 middleware (raw = limit)",
    path: "/middleware",
    servers: trio("middleware"),
    targets: [beatsHono],
  },
];
