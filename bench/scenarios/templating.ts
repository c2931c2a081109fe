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
  {
    // The same page in the app layout with a <Head> title; raw writes both by hand.
    name: "templating: the table in a layout with <Head> (ctx.render vs renderToString)",
    path: TABLE_PATH,
    servers: [
      { label: "plinth", module: "servers/templating_plinth_layout.tsx" },
      { label: "raw", module: "servers/templating_raw_layout.tsx" },
    ],
  },
];
