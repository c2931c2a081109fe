// The blog app: every Plinth plugin together. `main.ts` serves it; tests build their own with
// other settings.
import { App, type Environment } from "@plinth/plinth";
import { auth, type Passwords } from "@plinth/plinth/auth";
import { cache } from "@plinth/plinth/cache";
import { logging, type LoggingOptions } from "@plinth/plinth/logging";
import { model } from "@plinth/plinth/model";
import { templating } from "@plinth/plinth/templating";
import { blog } from "./blog.ts";
import { BlogErrorPage } from "./pages/error.tsx";
import { Site } from "./pages/layout.tsx";

/** What changes between development, production and tests; read from the environment by default. */
export interface BlogSettings {
  /** `PLINTH_ENV`: `development` (default under `deno task dev`), `production` or `test`. */
  env?: Environment;
  /** `DATABASE_URL`: a `postgres://` URL, or a PGlite folder (default `.plinth/db`). */
  databaseUrl?: string;
  /** `REDIS_URL`: Redis for the cache; without it, process memory. */
  redisUrl?: string;
  /** `ALLOWED_HOSTS`, separated by commas; required in production. */
  allowedHosts?: readonly string[];
  /** Logging options; by default pretty lines in development, JSON lines in production. */
  logging?: LoggingOptions;
  /** Password hashing; argon2id with OWASP's parameters by default. */
  passwords?: Passwords;
  /** Add the example posts to an empty database at start (outside production); default true. */
  seed?: boolean;
}

/** Builds the blog app. */
export function createBlog(settings: BlogSettings = {}): App {
  const env = (settings.env ?? Deno.env.get("PLINTH_ENV") ?? "development") as Environment;
  const hosts = settings.allowedHosts ?? Deno.env.get("ALLOWED_HOSTS")?.split(",");
  const app = new App({ env, allowedHosts: hosts?.map((host) => host.trim()).filter(Boolean) })
    .register(logging(settings.logging ?? quietSql()))
    .register(cache({ url: settings.redisUrl ?? Deno.env.get("REDIS_URL") ?? "", prefix: "blog" }))
    .register(model({ url: settings.databaseUrl ?? Deno.env.get("DATABASE_URL") }))
    .register(auth({ views: false, loginRoute: "login", passwords: settings.passwords }))
    .register(templating({ layout: Site, errorPage: BlogErrorPage }))
    .register(blog({ migrate: env !== "production", seed: settings.seed ?? true }));
  return app;
}

/** SQL is logged at debug level; unless `PLINTH_LOG_LEVEL` says otherwise, keep it out of sight. */
function quietSql(): LoggingOptions {
  return Deno.env.has("PLINTH_LOG_LEVEL") ? {} : { categories: { "plinth.model": "info" } };
}
