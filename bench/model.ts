/**
 * Model plugin benchmark: the ORM against raw postgres.js on the same server and the same
 * queries (and against raw PGlite in-process). Run with `deno run -A bench/model.ts`; prints a
 * Markdown table. DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/test.
 *
 * @module
 */
import postgres from "postgres";
import { PGlite } from "@electric-sql/pglite";
import { connect, type Database, defineModel, field, identifier } from "@plinth/plinth/model";

const SERVER = Deno.env.get("DATABASE_URL") ?? "postgres://postgres@127.0.0.1:5432/test";
const ROWS = 10_000;

type Op = () => Promise<unknown>;

/**
 * Ops per second of `a` and `b`, alternating short rounds so that load from other processes
 * hits both alike; each figure is the median over rounds, the ratio the median of per-round
 * ratios.
 */
async function compare(
  a: Op,
  b: Op,
  rounds = 15,
  roundMs = 150,
): Promise<[number, number, number]> {
  for (let i = 0; i < 100; i++) {
    await a();
    await b();
  }
  const rates: [number[], number[]] = [[], []];
  for (let r = 0; r < rounds; r++) {
    for (const [i, op] of [a, b].entries()) {
      const start = performance.now();
      let ops = 0;
      while (performance.now() - start < roundMs) {
        await op();
        ops++;
      }
      rates[i].push(ops / (performance.now() - start) * 1000);
    }
  }
  const ratios = rates[0].map((x, i) => rates[1][i] / x);
  return [median(rates[0]), median(rates[1]), median(ratios)];
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Milliseconds of each of `a` and `b`, alternating, as medians over `runs`. */
async function compareOnce(a: Op, b: Op, runs = 7): Promise<[number, number, number]> {
  const times: [number[], number[]] = [[], []];
  for (let r = 0; r < runs; r++) {
    for (const [i, op] of [a, b].entries()) {
      const start = performance.now();
      await op();
      times[i].push(performance.now() - start);
    }
  }
  const ratios = times[0].map((x, i) => times[1][i] / x);
  return [median(times[0]), median(times[1]), median(ratios)];
}

function itemModel() {
  return defineModel("Item", { name: field.text(), n: field.integer(), score: field.float() });
}

async function setUp(db: Database) {
  const Item = itemModel();
  const dir = await Deno.makeTempDir();
  db.register([Item], { migrations: dir });
  await db.makeMigrations();
  await db.migrate();
  await Item.objects.bulkCreate(rows(ROWS, "seed"));
  return { Item, dir };
}

function rows(count: number, prefix: string) {
  return Array.from({ length: count }, (_, i) => ({ name: `${prefix}${i}`, n: i, score: i / 7 }));
}

const lines: string[] = [
  "| Benchmark | Raw ops/s | Plinth ops/s | Plinth / raw | Target |",
  "|---|---:|---:|---:|---|",
];
const fmt = (x: number) => x.toFixed(0);

// PostgreSQL server: raw postgres.js vs the ORM.
const schema = `plinth_bench_${crypto.randomUUID().slice(0, 8)}`;
const admin = await connect(SERVER, { poolSize: 1, connectAttempts: 1 });
await admin.sql`CREATE SCHEMA ${identifier(schema)}`;
const db = await connect(SERVER, { schema, poolSize: 10 });
const raw = postgres(SERVER, { max: 10, connection: { search_path: schema }, onnotice: () => {} });
try {
  const { Item, dir } = await setUp(db);
  let id = 0;
  const nextId = () => (id = id % ROWS + 1);
  const [rawGet, ormGet, getRatio] = await compare(
    () => raw`SELECT * FROM item WHERE id = ${nextId()}`,
    () => Item.objects.get({ pk: nextId() }),
  );
  lines.push(
    `| PostgreSQL: get by primary key | ${fmt(rawGet)} | ${fmt(ormGet)} | ${
      getRatio.toFixed(2)
    } | >= 0.85 |`,
  );
  let start = 0;
  const nextStart = () => (start = (start + 100) % (ROWS - 100));
  const [rawList, ormList, listRatio] = await compare(
    () => {
      const s = nextStart();
      return raw`SELECT * FROM item WHERE n >= ${s} AND n < ${s + 100} ORDER BY n`;
    },
    () => {
      const s = nextStart();
      return Item.objects.filter({ n__gte: s, n__lt: s + 100 }).orderBy("n").all();
    },
  );
  lines.push(
    `| PostgreSQL: filter().orderBy(), 100 rows | ${fmt(rawList)} | ${fmt(ormList)} | ${
      listRatio.toFixed(2)
    } | >= 0.85 |`,
  );
  const batch = rows(ROWS, "bulk");
  const [rawBulk, ormBulk, bulkRatio] = await compareOnce(
    () => raw`INSERT INTO item ${raw(batch, "name", "n", "score")}`,
    () => Item.objects.bulkCreate(batch),
  );
  lines.push(
    `| PostgreSQL: insert 10,000 rows (time, lower is better) | ${rawBulk.toFixed(1)} ms | ${
      ormBulk.toFixed(1)
    } ms | ` +
      `${bulkRatio.toFixed(2)} | <= 1.2 |`,
  );
  await Deno.remove(dir, { recursive: true });
} finally {
  await raw.end();
  await db.close();
  await admin.sql`DROP SCHEMA ${identifier(schema)} CASCADE`;
  await admin.close();
}

// PGlite in-process: raw PGlite vs the ORM (two separate instances, same data).
const lite = await connect("memory://");
const rawLite = await PGlite.create();
try {
  const { Item, dir } = await setUp(lite);
  await rawLite.exec(
    "CREATE TABLE item (id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text NOT NULL, n integer NOT NULL, score double precision NOT NULL)",
  );
  await rawLite.query(
    "INSERT INTO item (name, n, score) SELECT 'seed' || g, g - 1, (g - 1) / 7.0 FROM generate_series(1, $1) g",
    [ROWS],
  );
  let id = 0;
  const nextId = () => (id = id % ROWS + 1);
  const [rawGet, ormGet, getRatio] = await compare(
    () => rawLite.query("SELECT * FROM item WHERE id = $1", [nextId()]),
    () => Item.objects.get({ pk: nextId() }),
    5,
  );
  lines.push(
    `| PGlite: get by primary key | ${fmt(rawGet)} | ${fmt(ormGet)} | ${
      getRatio.toFixed(2)
    } | (figures) |`,
  );
  let start = 0;
  const nextStart = () => (start = (start + 100) % (ROWS - 100));
  const [rawList, ormList, listRatio] = await compare(
    () => {
      const s = nextStart();
      return rawLite.query("SELECT * FROM item WHERE n >= $1 AND n < $2 ORDER BY n", [s, s + 100]);
    },
    () => {
      const s = nextStart();
      return Item.objects.filter({ n__gte: s, n__lt: s + 100 }).orderBy("n").all();
    },
    5,
  );
  lines.push(
    `| PGlite: filter().orderBy(), 100 rows | ${fmt(rawList)} | ${fmt(ormList)} | ${
      listRatio.toFixed(2)
    } | (figures) |`,
  );
  await Deno.remove(dir, { recursive: true });
} finally {
  await lite.close();
  await rawLite.close();
}

// deno-lint-ignore no-console -- the benchmark's report
console.log(lines.join("\n"));
