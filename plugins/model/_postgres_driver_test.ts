import assert from "node:assert/strict";
import { connect } from "./_connect.ts";

const SERVER = Deno.env.get("DATABASE_URL") ?? "postgres://postgres@127.0.0.1:5432/test";

Deno.test("a statement on a dropped server connection is a 503, and the next one reconnects", async () => {
  const db = await connect(SERVER, { poolSize: 1, connectAttempts: 1 });
  try {
    const [{ pid }] = await db.sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`;
    // The backend ends itself, so the statement is cut by the server whatever the timing.
    const error = await db.sql`SELECT pg_terminate_backend(pg_backend_pid())`.catch((e) => e);
    assert.equal(error.status, 503);
    const [{ again }] = await db.sql<{ again: number }>`SELECT pg_backend_pid() AS again`;
    assert.notEqual(again, pid);
  } finally {
    await db.close();
  }
});
