// The auth duels' dashboard written by hand, the least a session costs: raw Deno.serve and
// postgres.js (and ioredis for the Redis store). Logged in, each request reads its session by
// the cookie's key and the session's user, one PostgreSQL statement (or one Redis GET and one
// PostgreSQL statement); anonymous, it reads nothing. No signing, no hashing of the key, no
// expiry refresh, no CSRF token: what a hand-written server could skip.
import { Redis } from "ioredis";
import postgres from "postgres";
import type { Handler } from "../_scenario.ts";
import { AUTH_PAGE_PATH, dashboardHtml, USERS, withCookies } from "./auth_server.ts";
import { SECURITY_HEADERS } from "./_headers.ts";

const HEADERS = {
  "content-type": "text/html; charset=utf-8",
  ...SECURITY_HEADERS,
  vary: "Cookie",
} as const;
const COOKIE = "sid";

/** What the page shows of a logged-in reader. */
interface Reader {
  readonly theme: string | undefined;
  readonly active: boolean;
}

/** Where the sessions are kept, and whether the requests carry one. */
export interface RawSessionOptions {
  readonly loggedIn: boolean;
  readonly store: "postgres" | "redis";
  /** The PostgreSQL schema of the users and sessions, made anew. */
  readonly schema: string;
}

/** The dashboard server; its tables (and Redis keys) are made anew at start. */
export async function rawSessionServer(options: RawSessionOptions): Promise<Handler> {
  const url = Deno.env.get("DATABASE_URL") ?? "postgres://postgres@127.0.0.1:5432/test";
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(
    `DROP SCHEMA IF EXISTS ${options.schema} CASCADE; CREATE SCHEMA ${options.schema}`,
  );
  await admin.end();
  const sql = postgres(url, {
    max: 10,
    onnotice: () => {},
    connection: { search_path: options.schema },
  });
  await sql.unsafe(
    `CREATE TABLE bench_user (id serial PRIMARY KEY, is_active boolean NOT NULL DEFAULT true);
     CREATE TABLE bench_session (key text PRIMARY KEY, user_id int NOT NULL REFERENCES bench_user,
       data jsonb NOT NULL, expires timestamptz NOT NULL)`,
  );
  const redis = options.store === "redis"
    ? new Redis(Deno.env.get("REDIS_URL") ?? "redis://127.0.0.1:6379")
    : undefined;
  const cookies: string[] = [];
  for (let i = 0; i < USERS; i++) {
    const [{ id }] = await sql<
      { id: number }[]
    >`INSERT INTO bench_user DEFAULT VALUES RETURNING id`;
    const key = crypto.randomUUID().replaceAll("-", "");
    if (redis === undefined) {
      await sql`INSERT INTO bench_session
        VALUES (${key}, ${id}, ${sql.json({ theme: "light" })}, now() + interval '1 day')`;
    } else {
      await redis.set(
        `${options.schema}:${key}`,
        JSON.stringify({ userId: id, theme: "light" }),
        "EX",
        86400,
      );
    }
    if (options.loggedIn) cookies.push(`${COOKIE}=${key}`);
  }
  // The store is known at start: the handler only calls the lookup it was given.
  const read: (key: string) => Promise<Reader | undefined> = redis === undefined
    ? async (key) => {
      const [row] = await sql<{ data: { theme?: string }; is_active: boolean }[]>`
        SELECT s.data, u.is_active FROM bench_session s JOIN bench_user u ON u.id = s.user_id
        WHERE s.key = ${key} AND s.expires > now()`;
      return row && { theme: row.data.theme, active: row.is_active };
    }
    : async (key) => {
      const stored = await redis.get(`${options.schema}:${key}`);
      if (stored === null) return undefined;
      const session = JSON.parse(stored) as { userId: number; theme?: string };
      const [user] = await sql<{ is_active: boolean }[]>`
        SELECT is_active FROM bench_user WHERE id = ${session.userId}`;
      return user && { theme: session.theme, active: user.is_active };
    };
  const page = async (request: Request): Promise<Response> => {
    if (new URL(request.url).pathname !== AUTH_PAGE_PATH) {
      return new Response("Not found", { status: 404 });
    }
    const key = sessionKey(request.headers.get("cookie"));
    const reader = key === undefined ? undefined : await read(key);
    const html = dashboardHtml(reader?.theme ?? "light", reader?.active ?? true);
    return new Response(html, { headers: HEADERS });
  };
  return withCookies(cookies, page);
}

function sessionKey(header: string | null): string | undefined {
  if (header === null) return undefined;
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (part.slice(0, at).trim() === COOKIE) return part.slice(at + 1).trim();
  }
  return undefined;
}
