import type { Handler } from "../_scenario.ts";
import { rawSessionServer } from "./raw_session.ts";

/** The hand-written dashboard, logged-in, sessions in PostgreSQL. */
export default async function (): Promise<Handler> {
  return await rawSessionServer({
    loggedIn: true,
    store: "postgres",
    schema: "plinth_bench_raw_session_logged_in_pg",
  });
}
