import type { Handler } from "../_scenario.ts";
import { authServer } from "./auth_server.ts";

/** The dashboard page, logged in, sessions in PostgreSQL. */
export default async function authSessionPg(): Promise<Handler> {
  return await authServer({
    loggedIn: true,
    sessions: "database",
    schema: "plinth_bench_auth_session_pg",
  });
}
