import type { Handler } from "../_scenario.ts";
import { rawSessionServer } from "./raw_session.ts";

/** The hand-written dashboard, anonymous, sessions in PostgreSQL. */
export default async function (): Promise<Handler> {
  return await rawSessionServer({
    loggedIn: false,
    store: "postgres",
    schema: "plinth_bench_raw_session_anonymous_pg",
  });
}
