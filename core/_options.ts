import { defaultLogger, type Logger } from "./logger.ts";
import type { SecurityHeadersOptions } from "./security_headers.ts";

/** Where the app runs: development shows debug pages, production demands real settings. */
export type Environment = "development" | "production" | "test";

/** Options of `new App()`. */
export interface AppOptions {
  /** Defaults to `PLINTH_ENV`, else `"production"`. */
  env?: Environment;
  /**
   * Hosts this app answers for (Django's `ALLOWED_HOSTS`): `example.com`, `.example.com` for
   * subdomains too, or `*`. Required in production; localhost names by default otherwise.
   */
  allowedHosts?: readonly string[];
  /** Peer addresses whose `X-Forwarded-*` and `X-Request-Id` headers are believed. */
  trustedProxies?: readonly string[];
  /**
   * Secrets for signing, newest first. Defaults to `PLINTH_SECRET_KEY` (several separated by
   * commas); required in production, a random per-process key otherwise.
   */
  secretKeys?: readonly string[];
  /** The largest request body accepted, in bytes; default 1 MiB. Routes can override it. */
  bodyLimit?: number;
  /** The per-request deadline in milliseconds (answers 503); default 30 000; `false` for none. */
  requestTimeout?: number | false;
  /** `"redirect"` (default) answers a miss with 308 to the path with or without `/` if it exists. */
  trailingSlash?: "redirect" | "strict";
  /** Security headers added to every response; `false` for none. */
  securityHeaders?: SecurityHeadersOptions | false;
  /** The logger until a logging plugin replaces it; defaults to warnings and errors on stderr. */
  logger?: Logger;
}

/** Options with every default applied. Internal. */
export interface ResolvedOptions {
  readonly env: Environment;
  readonly allowedHosts: readonly string[];
  readonly trustedProxies: ReadonlySet<string>;
  readonly secretKeys: readonly string[];
  readonly bodyLimit: number;
  readonly requestTimeout: number | false;
  readonly trailingSlash: "redirect" | "strict";
  readonly securityHeaders: SecurityHeadersOptions | false;
  readonly logger: Logger;
}

const LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/** Applies defaults and refuses unsafe production settings with a message saying what to do. */
export function resolveOptions(options: AppOptions): ResolvedOptions {
  const env = options.env ?? readEnvironment();
  const production = env === "production";
  const allowedHosts = options.allowedHosts ?? (production ? [] : LOCAL_HOSTS);
  if (allowedHosts.length === 0) {
    throw new Error(
      'Cannot create App: allowedHosts is empty in production; pass allowedHosts: ["example.com"]' +
        " or set PLINTH_ENV=development",
    );
  }
  const secretKeys = options.secretKeys ?? readSecrets();
  if (secretKeys.length === 0 && production) {
    throw new Error(
      "Cannot create App: no secret key in production; set PLINTH_SECRET_KEY to a random " +
        "string of 32 characters or more",
    );
  }
  for (const key of secretKeys) {
    if (key.length < 32 || new Set(key).size < 8) {
      throw new Error(
        "Cannot create App: a secret key is too weak; use 32 or more random characters " +
          "(for example the output of: openssl rand -base64 48)",
      );
    }
  }
  const bodyLimit = options.bodyLimit ?? 1024 * 1024;
  if (!(bodyLimit >= 0)) throw new RangeError("Cannot create App: bodyLimit must be >= 0");
  return {
    env,
    allowedHosts,
    trustedProxies: new Set(options.trustedProxies ?? []),
    secretKeys: secretKeys.length > 0 ? secretKeys : [randomSecret()],
    bodyLimit,
    requestTimeout: options.requestTimeout ?? 30_000,
    trailingSlash: options.trailingSlash ?? "redirect",
    securityHeaders: options.securityHeaders ?? {},
    logger: options.logger ?? defaultLogger(["plinth"], env === "development" ? "info" : "warning"),
  };
}

function readVariable(name: string): string | undefined {
  const allowed = Deno.permissions.querySync({ name: "env", variable: name }).state === "granted";
  return allowed ? Deno.env.get(name) : undefined;
}

function readEnvironment(): Environment {
  const value = readVariable("PLINTH_ENV") ?? "production";
  if (value !== "development" && value !== "production" && value !== "test") {
    throw new Error(
      `Cannot create App: PLINTH_ENV is "${value}"; use development, production or test`,
    );
  }
  return value;
}

function readSecrets(): string[] {
  return (readVariable("PLINTH_SECRET_KEY") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

function randomSecret(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16)).join("");
}
