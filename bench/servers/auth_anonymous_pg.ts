import type { Handler } from "../_scenario.ts";
import { authServer } from "./auth_server.ts";

/** The dashboard page, anonymous, sessions in PostgreSQL. */
export default async function authAnonymousPg(): Promise<Handler> {
  return await authServer({
    loggedIn: false,
    sessions: "database",
    schema: "plinth_bench_auth_anonymous_pg",
  });
}
