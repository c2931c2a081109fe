import type { Handler } from "../_scenario.ts";
import { authServer } from "./auth_server.ts";

/** The dashboard page, logged in, sessions in Redis. */
export default async function authSessionRedis(): Promise<Handler> {
  return await authServer({
    loggedIn: true,
    sessions: "cache",
    schema: "plinth_bench_auth_session_redis",
  });
}
