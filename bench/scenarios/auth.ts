// Session overhead: the same page, logged in (64 users' sessions in turn) and anonymous. The page
// is not empty: it renders 20 escaped list items (about 3 KB) on every request, as a modest real
// page would, by plain string building (no templating plugin), so the ratio compares the session
// and user lookup with the work of a page rather than with nothing. See servers/auth_server.ts.
// The same page written by hand (servers/raw_session.ts) gives each store's floor: what the
// lookup's round trip costs without the framework.
import type { Scenario } from "../_scenario.ts";
import { AUTH_PAGE_PATH } from "../servers/auth_server.ts";

export const scenarios: Scenario[] = [
  {
    name: "auth session overhead (PostgreSQL store)",
    path: AUTH_PAGE_PATH,
    servers: [
      { label: "logged-in", module: "servers/auth_session_pg.ts" },
      { label: "anonymous", module: "servers/auth_anonymous_pg.ts" },
      { label: "raw, logged-in", module: "servers/raw_session_logged_in_pg.ts" },
      { label: "raw, anonymous", module: "servers/raw_session_anonymous_pg.ts" },
    ],
    targets: [{ label: "logged-in", against: "anonymous", ratio: 0.85 }],
    references: [{ label: "raw, logged-in", against: "raw, anonymous" }],
  },
  {
    name: "auth session overhead (Redis store)",
    path: AUTH_PAGE_PATH,
    servers: [
      { label: "logged-in", module: "servers/auth_session_redis.ts" },
      { label: "anonymous", module: "servers/auth_anonymous_redis.ts" },
      { label: "raw, logged-in", module: "servers/raw_session_logged_in_redis.ts" },
      { label: "raw, anonymous", module: "servers/raw_session_anonymous_redis.ts" },
    ],
    targets: [{ label: "logged-in", against: "anonymous", ratio: 0.9 }],
    references: [{ label: "raw, logged-in", against: "raw, anonymous" }],
  },
];
