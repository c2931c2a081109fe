import type { Scenario } from "../_scenario.ts";

const plain = { label: "plinth", module: "servers/plinth_hello.ts" };

export const scenarios: Scenario[] = [
  {
    name: "hello + logging (request line to a JSON-lines file)",
    path: "/",
    servers: [{ label: "logging", module: "servers/logging_enabled.ts" }, plain],
    targets: [{ label: "logging", against: "plinth", ratio: 0.9 }],
  },
  {
    name: "hello + logging (level disabled)",
    path: "/",
    servers: [{ label: "logging", module: "servers/logging_disabled.ts" }, plain],
    targets: [{ label: "logging", against: "plinth", ratio: 0.98 }],
  },
];
