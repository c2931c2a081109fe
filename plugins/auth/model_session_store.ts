import { identifier, type Model, Sql, sql } from "../model/mod.ts";
import { Coalescer } from "../../core/mod.ts";
import { UserRows } from "./_user_rows.ts";
import type { SessionWithUser } from "./_session_io.ts";
import type { SessionRecord, SessionStore } from "./session_store.ts";

/** A store that reads a session and its user in one statement. Internal. */
export interface JoinedSessionStore extends SessionStore {
  /** The live session under `key` with its user row, or `undefined`. */
  loadWithUser(key: string): Promise<SessionWithUser | undefined>;
}

/**
 * The default session store: the `auth_session` table in PostgreSQL through the model plugin,
 * keyed by the SHA-256 of the session id, with the user's id in an indexed column (so a password
 * change deletes the user's other sessions at once) and an indexed expiry for `clearsessions`.
 * A request reads its session and its user in one statement (a join), and concurrent requests
 * outside transactions share that statement. Internal: choose it with
 * `auth({ sessions: "database" })`, the default.
 */
export function modelSessionStore(
  SessionRow: Model,
  userModel: Model,
  now: () => number,
): JoinedSessionStore {
  const select = sessionsWithUsers(SessionRow, userModel);
  const read = (keys: string[]) => select(keys, now());
  const batched = new Coalescer(read);
  const loadWithUser = async (key: string) =>
    SessionRow.db.inTransaction ? (await read([key])).get(key) : await batched.get(key);
  return {
    loadWithUser,
    async load(key) {
      return (await loadWithUser(key))?.record;
    },
    async save(key, record) {
      // One statement: sessions are saved on login and on the periodic idle-expiry refresh.
      await SessionRow.db.query(sql`INSERT INTO ${identifier(SessionRow.table)}
          (key, user_ref, data, created_at, expires_at)
        VALUES (${key}, ${record.userId}, ${JSON.stringify(record.data)}::jsonb,
          ${new Date(record.createdAt).toISOString()}::timestamptz,
          ${new Date(record.expiresAt).toISOString()}::timestamptz)
        ON CONFLICT (key) DO UPDATE SET user_ref = EXCLUDED.user_ref, data = EXCLUDED.data,
          expires_at = EXCLUDED.expires_at`);
    },
    async delete(key) {
      await SessionRow.objects.filter({ key }).delete();
    },
    async deleteForUser(userId, exceptKey) {
      let rows = SessionRow.objects.filter({ userRef: userId });
      if (exceptKey !== undefined) rows = rows.exclude({ key: exceptKey });
      await rows.delete();
    },
    async deleteExpired() {
      return await SessionRow.objects.filter({ expiresAt__lte: new Date(now()) }).delete();
    },
  };
}

/**
 * Reads the live sessions under some keys with their users, by key, in one statement built
 * once. Timestamps travel as milliseconds since the epoch (see {@linkcode UserRows}).
 */
function sessionsWithUsers(
  SessionRow: Model,
  userModel: Model,
): (keys: string[], now: number) => Promise<Map<string, SessionWithUser>> {
  const users = new UserRows(userModel, "u");
  const pk = userModel.pk.quoted;
  const text = `SELECT s.key AS "session.key", s.user_ref AS "session.user_ref",
      s.data AS "session.data",
      floor(extract(epoch FROM s.created_at) * 1000)::float8 AS "session.created_at",
      floor(extract(epoch FROM s.expires_at) * 1000)::float8 AS "session.expires_at",
      ${users.list}
    FROM ${identifier(SessionRow.table).text} s
    LEFT JOIN ${identifier(userModel.table).text} u ON u.${pk} =
      CASE WHEN s.user_ref ~ '^-?[0-9]{1,18}$' THEN s.user_ref::bigint END
    WHERE s.key = ANY($1::text[]) AND s.expires_at > to_timestamp($2::float8 / 1000)`;
  const pkColumn = userModel.pk.column;
  return async function sessionsWithUsers(keys, now) {
    const found = new Map<string, SessionWithUser>();
    for (const row of await SessionRow.db.query(new Sql(text, [keys, now]))) {
      const data = row["session.data"];
      const record: SessionRecord = {
        // PGlite parses jsonb; a driver handing it back as text gets it parsed here.
        data: (typeof data === "string" ? JSON.parse(data) : data) as Record<string, unknown>,
        userId: row["session.user_ref"] as string | null,
        createdAt: Number(row["session.created_at"]),
        expiresAt: Number(row["session.expires_at"]),
      };
      const user = row[pkColumn] == null ? undefined : users.user(row);
      found.set(row["session.key"] as string, { record, user });
    }
    return found;
  };
}
