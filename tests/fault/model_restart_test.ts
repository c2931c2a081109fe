// PostgreSQL restarted under a running app: the request in flight fails cleanly with a 503, a
// transaction cut in the middle leaves no partial rows, and later queries succeed without
// restarting anything. Runs on its own (deno task test's second phase): a restart would break
// tests running beside it.
import assert from "node:assert/strict";
import { HttpError } from "@plinth/plinth";
import { count, defineModel, field } from "@plinth/plinth/model";
import { openDb } from "../fixtures/model_db.ts";

async function restartPostgres(): Promise<void> {
  const [version] = [...Deno.readDirSync("/etc/postgresql")].map((e) => e.name);
  const { success, stderr } = await new Deno.Command("pg_ctlcluster", {
    args: ["--skip-systemctl-redirect", version, "main", "restart"],
    stdout: "null",
    stderr: "piped",
  }).output();
  assert.ok(success, new TextDecoder().decode(stderr));
}

Deno.test("a PostgreSQL restart fails the cut transaction cleanly and queries recover", async () => {
  const Item = defineModel("Item", { batch: field.integer(), n: field.integer() });
  const { db, close } = await openDb("postgres", [Item]);
  try {
    await Item.objects.create({ batch: 0, n: 0 });
    const cut = db.atomic(async () => {
      await Item.objects.create({ batch: 1, n: 1 });
      await restartPostgres();
      await Item.objects.create({ batch: 1, n: 2 });
    });
    await assert.rejects(
      cut,
      (error: unknown) => error instanceof HttpError && error.status === 503,
    );
    let recovered = false;
    for (let attempt = 0; attempt < 3 && !recovered; attempt++) {
      try {
        assert.equal(await Item.objects.filter({ batch: 1 }).count(), 0);
        recovered = true;
      } catch (error) {
        assert.ok(error instanceof HttpError && error.status === 503, String(error));
      }
    }
    assert.ok(recovered, "queries did not recover after the restart");
    await Item.objects.create({ batch: 2, n: 3 });
    const totals = await Item.objects.aggregate({ rows: count() });
    assert.equal(Number(totals.rows), 2);
  } finally {
    await close();
  }
});
