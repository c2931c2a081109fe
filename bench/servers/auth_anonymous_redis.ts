import type { Handler } from "../_scenario.ts";
import { authServer } from "./auth_server.ts";

/** The dashboard page, anonymous, sessions in Redis. */
export default async function authAnonymousRedis(): Promise<Handler> {
  return await authServer({
    loggedIn: false,
    sessions: "cache",
    schema: "plinth_bench_auth_anonymous_redis",
  });
}
