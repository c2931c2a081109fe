import type { Scenario } from "../_scenario.ts";
import { PAGE_PATH } from "../servers/cache_page_content.ts";

export const scenarios: Scenario[] = [
  {
    name: "page cache hit (memory store)",
    path: PAGE_PATH,
    servers: [
      { label: "plinth", module: "servers/cache_plinth_page.ts" },
      { label: "raw", module: "servers/cache_raw_page.ts" },
    ],
    targets: [{ label: "plinth", against: "raw", ratio: 0.9 }],
  },
];
