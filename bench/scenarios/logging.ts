import type { Scenario } from "../_scenario.ts";

const plain = { label: "plinth", module: "servers/plinth_hello.ts" };
const raw = { label: "raw", module: "servers/raw_hello.ts" };

export const scenarios: Scenario[] = [
  {
    name: "hello + logging (request line to a JSON-lines file)",
    path: "/",
    servers: [{ label: "logging", module: "servers/logging_enabled.ts" }, plain],
    targets: [{ label: "logging", against: "plinth", ratio: 0.9 }],
  },
  {
    // What the runtime charges for the two things a request log cannot do without, an async
    // context per request and a header whose value changes per response, and for the least
    // request log written by hand: an async context and one JSON line per request.
    name: "logging floor, raw hello: async context, request id header, JSON line",
    path: "/",
    servers: [
      { label: "raw, in an async context", module: "servers/raw_hello_context.ts" },
      { label: "raw, with a request id", module: "servers/raw_hello_request_id.ts" },
      { label: "raw, async context + JSON line", module: "servers/raw_hello_logged.ts" },
      raw,
    ],
    references: [
      { label: "raw, in an async context", against: "raw" },
      { label: "raw, with a request id", against: "raw" },
      { label: "raw, async context + JSON line", against: "raw" },
    ],
  },
  {
    name: "hello + logging (level disabled)",
    path: "/",
    servers: [{ label: "logging", module: "servers/logging_disabled.ts" }, plain],
    targets: [{ label: "logging", against: "plinth", ratio: 0.98 }],
  },
];
