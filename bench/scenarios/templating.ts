import type { Scenario } from "../_scenario.ts";
import { TABLE_PATH } from "../servers/templating_page.tsx";

export const scenarios: Scenario[] = [
  {
    name: "templating: 50-row table page (ctx.render vs renderToString)",
    path: TABLE_PATH,
    servers: [
      { label: "plinth", module: "servers/templating_plinth.tsx" },
      { label: "raw", module: "servers/templating_raw.tsx" },
    ],
    targets: [{ label: "plinth", against: "raw", ratio: 0.95 }],
  },
];
