import assert from "node:assert/strict";
import {
  avg,
  count,
  type Database,
  defineModel,
  DoesNotExist,
  field,
  FieldError,
  identifier,
  max,
  MultipleObjectsReturned,
  q,
  sql,
  sum,
  ValidationError,
} from "@plinth/plinth/model";
import { openDb } from "./fixtures/model_db.ts";

function everythingModel() {
  return defineModel("Everything", {
    uid: field.uuid({ auto: true, unique: true }),
    name: field.varchar({ maxLength: 20 }),
    slug: field.slug({ null: true }),
    email: field.email({ null: true }),
    site: field.url({ null: true }),
    n: field.integer({ null: true }),
    big: field.bigint({ null: true }),
    ratio: field.float({ null: true }),
    price: field.decimal({ maxDigits: 10, decimalPlaces: 2, null: true }),
    flag: field.boolean({ default: false }),
    day: field.date({ null: true }),
    at: field.timestamp({ null: true }),
    took: field.duration({ null: true }),
    data: field.json({ null: true }),
    blob: field.bytes({ null: true }),
    status: field.choice(["draft", "live"], { default: "draft" }),
  }, { ordering: ["name"] });
}

for (const kind of ["pglite", "postgres"] as const) {
  Deno.test(`the ORM on ${kind}`, async (t) => {
    const Everything = everythingModel();
    const { db, close } = await openDb(kind, [Everything]);
    try {
      await t.step(
        "every field type round-trips, time zones, decimals, json and bytes included",
        async () => {
          const at = new Date("2024-03-10T23:30:00+05:30");
          const row = await Everything.objects.create({
            name: "full",
            slug: "a-slug_1",
            email: "ann@example.com",
            site: "https://example.com/x?y=1",
            n: -2147483647,
            big: 9007199254740993n,
            ratio: 0.1 + 0.2,
            price: "12345678.90",
            flag: true,
            day: "2024-02-29",
            at,
            took: 90_061_500,
            data: { list: [1, "two", null], nested: { ok: true } },
            blob: new Uint8Array([0, 1, 254, 255]),
            status: "live",
          });
          const back = await Everything.objects.get({ pk: row.id });
          assert.deepEqual(back, row);
          assert.equal(back.at?.getTime(), at.getTime());
          assert.equal(back.price, "12345678.90");
          assert.equal(back.big, 9007199254740993n);
          assert.equal(back.took, 90_061_500);
          assert.deepEqual(back.blob, new Uint8Array([0, 1, 254, 255]));
          assert.deepEqual(back.data, { list: [1, "two", null], nested: { ok: true } });
          const [stored] = await db.sql<{ type: string }>`
            SELECT jsonb_typeof(data) AS type FROM everything WHERE id = ${row.id}`;
          assert.equal(stored.type, "object", "json is stored as JSON, not as a JSON string");
          const [bound] = await db.sql<{ type: string }>`
            SELECT jsonb_typeof(${JSON.stringify({ a: 1 })}::jsonb) AS type`;
          assert.equal(
            bound.type,
            "object",
            "a string bound to jsonb is JSON text on every driver",
          );
          assert.match(back.uid, /^[0-9a-f-]{36}$/);
          const [local] = await db.atomic(async () => {
            await db.sql`SET LOCAL TIME ZONE 'America/New_York'`;
            return await Everything.objects.filter({ pk: row.id }).values("at", "day").all();
          });
          assert.equal((local.at as Date).getTime(), at.getTime());
          assert.equal(local.day, "2024-02-29");
          const empty = await Everything.objects.create({ name: "empty", data: "just a string" });
          assert.equal(empty.n, null);
          assert.equal(empty.flag, false);
          assert.equal(empty.status, "draft");
          assert.equal((await Everything.objects.get({ name: "empty" })).data, "just a string");
        },
      );

      await t.step("validation collects messages per field and is a 400", async () => {
        try {
          await Everything.objects.create({
            name: "x".repeat(21),
            email: "nope",
            status: "gone" as "draft",
            price: "1.234",
            n: 1.5,
          });
          assert.fail("expected a ValidationError");
        } catch (e) {
          assert.ok(e instanceof ValidationError);
          assert.equal(e.status, 400);
          assert.deepEqual(Object.keys(e.fields).sort(), ["email", "n", "name", "price", "status"]);
          assert.deepEqual(e.details, { fields: e.fields });
        }
        assert.throws(
          () => Everything.validate({} as never),
          (e: ValidationError) => "name" in e.fields,
        );
        assert.throws(() => Everything.validate({ name: "a", bogus: 1 } as never), /Invalid data/);
      });

      await t.step("every lookup filters as documented", async () => {
        await Everything.objects.filter({ name__in: ["full", "empty"] }).delete();
        await Everything.objects.bulkCreate([
          { name: "Alpha", n: 1, ratio: 1.5, email: "a@x.io", day: "2024-01-01" },
          { name: "Beta", n: 2, ratio: 2.5, day: "2024-06-01" },
          { name: "Gamma 100%", n: 3, ratio: null },
          { name: "Delta_x", n: null },
        ]);
        const names = async (filter: Record<string, unknown>) =>
          (await Everything.objects.filter(filter).values("name").all()).map((r) => r.name);
        assert.deepEqual(await names({ name: "Alpha" }), ["Alpha"]);
        assert.deepEqual(await names({ name__exact: "alpha" }), []);
        assert.deepEqual(await names({ name__iexact: "ALPHA" }), ["Alpha"]);
        assert.deepEqual(await names({ name__contains: "amm" }), ["Gamma 100%"]);
        assert.deepEqual(await names({ name__contains: "%" }), ["Gamma 100%"]);
        assert.deepEqual(await names({ name__contains: "_" }), ["Delta_x"]);
        assert.deepEqual(await names({ name__icontains: "ALP" }), ["Alpha"]);
        assert.deepEqual(await names({ name__startswith: "B" }), ["Beta"]);
        assert.deepEqual(await names({ name__istartswith: "b" }), ["Beta"]);
        assert.deepEqual(await names({ name__endswith: "_x" }), ["Delta_x"]);
        assert.deepEqual(await names({ name__iendswith: "A" }), ["Alpha", "Beta"]);
        assert.deepEqual(await names({ n__in: [1, 3] }), ["Alpha", "Gamma 100%"]);
        assert.deepEqual(await names({ n__in: [] }), []);
        assert.deepEqual(await names({ n__gt: 1 }), ["Beta", "Gamma 100%"]);
        assert.deepEqual(await names({ n__gte: 2 }), ["Beta", "Gamma 100%"]);
        assert.deepEqual(await names({ n__lt: 2 }), ["Alpha"]);
        assert.deepEqual(await names({ n__lte: 2 }), ["Alpha", "Beta"]);
        assert.deepEqual(await names({ n__range: [2, 3] }), ["Beta", "Gamma 100%"]);
        assert.deepEqual(await names({ n__isnull: true }), ["Delta_x"]);
        assert.deepEqual(await names({ ratio__isnull: false, ratio__gt: 2 }), ["Beta"]);
        assert.deepEqual(await names({ day__gte: "2024-03-01" }), ["Beta"]);
        assert.deepEqual(await names({ n: null }), ["Delta_x"]);
      });

      await t.step(
        "q.or, q.and, q.not and exclude combine conditions; exclude keeps NULL rows",
        async () => {
          const names = async (
            qs: { values(k: "name"): { all(): Promise<Array<{ name: unknown }>> } },
          ) => (await qs.values("name").all()).map((r) => r.name);
          assert.deepEqual(await names(Everything.objects.filter(q.or({ n: 1 }, { n: 3 }))), [
            "Alpha",
            "Gamma 100%",
          ]);
          assert.deepEqual(
            await names(Everything.objects.filter(q.and({ n__gte: 1 }, q.not({ n: 2 })))),
            ["Alpha", "Gamma 100%"],
          );
          assert.deepEqual(await names(Everything.objects.exclude({ n: 2 })), [
            "Alpha",
            "Delta_x",
            "Gamma 100%",
          ]);
          assert.deepEqual(await names(Everything.objects.filter(q.or())), []);
        },
      );

      await t.step(
        "ordering, slicing, first, last, exists, count and get behave like Django's",
        async () => {
          const byN = await Everything.objects.filter({ n__isnull: false }).orderBy("-n").values(
            "n",
          ).all();
          assert.deepEqual(byN.map((r) => r.n), [3, 2, 1]);
          const page = await Everything.objects.orderBy("n").limit(2).offset(1).values("n").all();
          assert.deepEqual(page.map((r) => r.n), [2, 3]);
          assert.equal((await Everything.objects.first())?.name, "Alpha");
          assert.equal((await Everything.objects.last())?.name, "Gamma 100%");
          assert.equal((await Everything.objects.orderBy("-n").first())?.name, "Delta_x");
          assert.equal(
            (await Everything.objects.filter({ n__isnull: false }).orderBy("n").last())?.name,
            "Gamma 100%",
          );
          assert.equal(await Everything.objects.filter({ n: 2 }).exists(), true);
          assert.equal(await Everything.objects.filter({ n: 99 }).exists(), false);
          assert.equal(await Everything.objects.count(), 4);
          assert.equal(await Everything.objects.limit(2).count(), 2);
          const missing = await Everything.objects.get({ n: 99 }).catch((e) => e);
          assert.ok(missing instanceof DoesNotExist);
          assert.equal(missing.status, 404);
          const many = await Everything.objects.get({ n__gte: 1 }).catch((e) => e);
          assert.ok(many instanceof MultipleObjectsReturned);
        },
      );

      await t.step("aggregate, annotate, values, only and distinct", async () => {
        const stats = await Everything.objects.aggregate({
          total: count(),
          avg: avg("ratio"),
          top: max("n"),
          sum: sum("n"),
        });
        assert.deepEqual(stats, { total: 4, avg: 2, top: 3, sum: 6 });
        const flags = await Everything.objects.values("flag").annotate({ rows: count() }).orderBy(
          "flag",
        ).all();
        assert.deepEqual(flags, [{ flag: false, rows: 4 }]);
        const slim = await Everything.objects.only("name").filter({ n: 1 }).all();
        assert.deepEqual(Object.keys(slim[0]).sort(), ["id", "name"]);
        assert.equal((await Everything.objects.values("flag").distinct().all()).length, 1);
      });

      await t.step(
        "bulk update and delete, getOrCreate, updateOrCreate and chunked iteration",
        async () => {
          assert.equal(await Everything.objects.filter({ n__gte: 2 }).update({ flag: true }), 2);
          assert.equal(await Everything.objects.filter({ flag: true }).count(), 2);
          const [made, created] = await Everything.objects.getOrCreate({ name: "new" }, { n: 7 });
          assert.equal(created, true);
          assert.equal(made.n, 7);
          const [again, createdAgain] = await Everything.objects.getOrCreate({ name: "new" }, {
            n: 8,
          });
          assert.deepEqual([again.id, createdAgain], [made.id, false]);
          const [updated, fresh] = await Everything.objects.updateOrCreate({ name: "new" }, {
            n: 9,
          });
          assert.deepEqual([updated.n, fresh], [9, false]);
          const rows = await Everything.objects.bulkCreate(
            Array.from({ length: 25 }, (_, i) => ({ name: `bulk${String(i).padStart(2, "0")}` })),
            { batchSize: 10 },
          );
          assert.equal(rows.length, 25);
          const seen: string[] = [];
          const counted = await db.measure(async () => {
            for await (
              const row of Everything.objects.filter({ name__startswith: "bulk" }).iterate(10)
            ) seen.push(row.name);
          });
          assert.equal(seen.length, 25);
          assert.equal(counted.queries, 3);
          const ordered: string[] = [];
          for await (
            const row of Everything.objects.filter({ name__startswith: "bulk" }).orderBy("-name")
              .iterate(10)
          ) {
            ordered.push(row.name);
          }
          assert.deepEqual(ordered, [...seen].sort().reverse());
          assert.equal(await Everything.objects.filter({ name__startswith: "bulk" }).delete(), 25);
        },
      );

      await t.step("raw SQL parameterises every value, and identifiers are validated", async () => {
        const evil = "'; DROP TABLE everything; --";
        const rows = await Everything.objects
          .raw`SELECT * FROM everything WHERE name = ${evil} OR n = ${1}`;
        assert.deepEqual(rows.map((r) => r.name), ["Alpha"]);
        const direct = await db.sql<{ x: number }>`SELECT ${sql`${41}::int + ${1}`} AS x`;
        assert.equal(direct[0].x, 42);
        assert.throws(() => identifier('x"; DROP TABLE y; --'), /Invalid SQL identifier/);
        assert.equal(await Everything.objects.count(), 5);
      });

      await t.step("identifier injection attempts are rejected with a clear 400", async () => {
        const attempts: Array<() => Promise<unknown>> = [
          () => Everything.objects.orderBy("name;DROP TABLE x").all(),
          () => Everything.objects.orderBy('name"').all(),
          () => Everything.objects.filter({ "name) OR (1=1": "x" }).all(),
          () => Everything.objects.filter({ "name__regex": "x" }).all(),
          () => Everything.objects.values("name; --").all(),
          () => Everything.objects.annotate({ 'n"x': count() }).all(),
          () => Everything.objects.annotate({ "a.b": count() }).all(),
          () => Everything.objects.aggregate({ "x y": count() }),
        ];
        for (const attempt of attempts) {
          const error = await Promise.resolve().then(attempt).then(() => undefined, (e) => e);
          assert.ok(error instanceof FieldError, String(error));
          assert.equal(error.status, 400);
        }
        assert.equal(await Everything.objects.count(), 5);
      });
    } finally {
      await close();
    }
  });
}

export type { Database };
