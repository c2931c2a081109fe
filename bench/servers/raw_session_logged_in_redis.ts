import type { Handler } from "../_scenario.ts";
import { rawSessionServer } from "./raw_session.ts";

/** The hand-written dashboard, logged-in, sessions in Redis. */
export default async function (): Promise<Handler> {
  return await rawSessionServer({
    loggedIn: true,
    store: "redis",
    schema: "plinth_bench_raw_session_logged_in_redis",
  });
}
