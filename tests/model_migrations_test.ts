import assert from "node:assert/strict";
import { App, silentLogger } from "@plinth/plinth";
import {
  connect,
  type Database,
  defineModel,
  field,
  identifier,
  model,
} from "@plinth/plinth/model";

const SERVER = Deno.env.get("DATABASE_URL") ?? "postgres://postgres@127.0.0.1:5432/test";

function v1() {
  const Author = defineModel("Author", { name: field.text() });
  const Book = defineModel("Book", {
    title: field.text(),
    author: field.foreignKey(Author, { onDelete: "cascade", relatedName: "books" }),
  });
  return [Author, Book];
}

function v2() {
  const Author = defineModel("Author", {
    fullName: field.text(),
    born: field.date({ null: true }),
  });
  const Book = defineModel("Book", {
    title: field.varchar({ maxLength: 300 }),
    author: field.foreignKey(Author, { onDelete: "cascade", relatedName: "books" }),
    pages: field.integer({ default: 100 }),
  }, { indexes: [{ fields: ["title", "-pages"] }] });
  const Review = defineModel("Review", {
    book: field.foreignKey(Book, { onDelete: "cascade", relatedName: "reviews" }),
    stars: field.integer(),
  }, { constraints: [{ name: "review_stars_range", check: "stars BETWEEN 1 AND 5" }] });
  return [Author, Book, Review];
}

async function columns(db: Database, table: string): Promise<string[]> {
  const rows = await db.sql<{ column_name: string }>`
    SELECT column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table} ORDER BY column_name`;
  return rows.map((r) => r.column_name);
}

for (const kind of ["pglite", "postgres"] as const) {
  Deno.test(`migrations are generated, applied, rolled back and re-applied on ${kind}`, async (t) => {
    const schema = `plinth_t_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
    const admin = kind === "postgres"
      ? await connect(SERVER, { connectAttempts: 1, poolSize: 1 })
      : undefined;
    if (admin) await admin.sql`CREATE SCHEMA ${identifier(schema)}`;
    const dir = await Deno.makeTempDir();
    const open = () =>
      connect(kind === "pglite" ? `${dir}/db` : SERVER, {
        schema: admin ? schema : undefined,
        connectAttempts: 1,
      });
    let db = await open();
    try {
      await t.step("makemigrations writes a reviewable initial migration", async () => {
        db.register(v1(), { migrations: `${dir}/migrations` });
        const { made } = await db.makeMigrations();
        assert.equal(made.length, 1);
        assert.match(made[0].path, /0001_initial\.ts$/);
        const source = await Deno.readTextFile(made[0].path);
        assert.match(source, /satisfies Migration/);
        assert.match(source, /"op": "createTable"/);
        assert.deepEqual((await db.makeMigrations()).made, []);
      });

      await t.step("two concurrent migrate runs apply each migration once", async () => {
        const other = kind === "postgres" ? await open() : db;
        if (other !== db) other.register(v1(), { migrations: `${dir}/migrations` });
        const [a, b] = await Promise.all([db.migrate(), other.migrate()]);
        assert.deepEqual([...a.applied, ...b.applied], ["app:0001_initial"]);
        if (other !== db) await other.close();
        assert.deepEqual(await columns(db, "book"), ["author_id", "id", "title"]);
        const rows = await db.sql`SELECT app, name FROM plinth_migrations`;
        assert.deepEqual(rows, [{ app: "app", name: "0001_initial" }]);
      });

      await t.step(
        "a model change becomes a second migration with renames, defaults, indexes and constraints",
        async () => {
          const [Author, Book] = db.models.values();
          const author = await Author.objects.create({ name: "Ann" });
          await Book.objects.create({ title: "One", author });
          await db.close();
          db = await open();
          db.register(v2(), { migrations: `${dir}/migrations` });
          await assert.rejects(
            () => db.makeMigrations({ dryRun: true }),
            /pass --rename author\.name=full_name/,
          );
          const { made } = await db.makeMigrations({
            renames: ["author.name=full_name"],
            name: "books_v2",
          });
          assert.match(made[0].path, /0002_books_v2\.ts$/);
          const ops = made[0].operations.map((o) => o.op);
          assert.deepEqual(
            ops.sort(),
            ["addColumn", "addColumn", "addIndex", "alterColumn", "createTable", "renameColumn"]
              .sort(),
          );
          await db.migrate();
          assert.deepEqual(await columns(db, "author"), ["born", "full_name", "id"]);
          const [, Book2, Review] = db.models.values();
          const book = await Book2.objects.get({ title: "One" });
          assert.equal(book.pages, 100);
          await assert.rejects(() => Review.objects.create({ book, stars: 9 }), /conflicts/);
        },
      );

      await t.step("migrate <app> <name> rolls back, and migrate re-applies", async () => {
        const result = await db.migrate("app:0001_initial");
        assert.deepEqual(result.unapplied, ["app:0002_books_v2"]);
        assert.deepEqual(await columns(db, "author"), ["id", "name"]);
        assert.deepEqual(await columns(db, "review"), []);
        assert.deepEqual(await db.sql`SELECT name FROM author`, [{ name: "Ann" }]);
        assert.deepEqual((await db.migrate()).applied, ["app:0002_books_v2"]);
        assert.deepEqual(await columns(db, "author"), ["born", "full_name", "id"]);
      });

      await t.step("a NOT NULL field without a default cannot be added silently", async () => {
        await db.close();
        db = await open();
        const Author = defineModel("Author", {
          fullName: field.text(),
          born: field.date({ null: true }),
          country: field.text(),
        });
        db.register([Author], { migrations: `${dir}/migrations` });
        await assert.rejects(
          () => db.makeMigrations(),
          /Cannot add NOT NULL column "author.country" without a default/,
        );
      });

      await t.step("hand-written data migrations run in order inside the transaction", async () => {
        await Deno.writeTextFile(
          `${dir}/migrations/0003_data.ts`,
          `export default {
  operations: [{
    op: "runData",
    forward: async (db) => { await db.sql\`UPDATE author SET born = '1990-01-01'\`; },
    backward: async (db) => { await db.sql\`UPDATE author SET born = NULL\`; },
  }],
};\n`,
        );
        await db.migrate();
        assert.deepEqual(await db.sql`SELECT born::text AS born FROM author`, [{
          born: "1990-01-01",
        }]);
        await db.migrate("app:0002_books_v2");
        assert.deepEqual(await db.sql`SELECT born FROM author`, [{ born: null }]);
      });
    } finally {
      await db.close();
      if (admin) {
        await admin.sql`DROP SCHEMA ${identifier(schema)} CASCADE`;
        await admin.close();
      }
      await Deno.remove(dir, { recursive: true });
    }
  });
}

Deno.test("the manage commands make, show, print and apply migrations", async () => {
  const dir = await Deno.makeTempDir();
  const run = async (args: string[]) => {
    const lines: string[] = [];
    const app = new App({ env: "test", logger: silentLogger })
      .register(model({ url: `${dir}/db`, models: v1(), migrations: `${dir}/migrations` }));
    const code = await app.manage(args, (line) => lines.push(line));
    return { code, lines };
  };
  try {
    const made = await run(["makemigrations"]);
    assert.match(
      made.lines.join("\n"),
      /Migrations for "app".*0001_initial\.ts\n {2}- Create table author\n {2}- Create table book/,
    );
    assert.deepEqual((await run(["showmigrations"])).lines, ["app", " [ ] 0001_initial"]);
    const sqlLines = (await run(["sqlmigrate", "app", "0001_initial"])).lines;
    assert.match(
      sqlLines[0],
      /^CREATE TABLE "author" \("id" integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY/,
    );
    assert.ok(sqlLines.some((l) => l.includes(`REFERENCES "author" ("id") ON DELETE CASCADE`)));
    assert.deepEqual((await run(["migrate"])).lines, ["Applied app:0001_initial"]);
    assert.deepEqual((await run(["showmigrations"])).lines, ["app", " [X] 0001_initial"]);
    assert.deepEqual((await run(["migrate", "app", "zero"])).lines, ["Unapplied app:0001_initial"]);
    assert.deepEqual((await run(["makemigrations"])).lines, ["No changes detected"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a migrations folder given as a file URL is read like a path", async () => {
  const dir = await Deno.makeTempDir();
  const folder = new URL(`file://${dir}/migrations/`);
  const run = async (args: string[]) => {
    const lines: string[] = [];
    const app = new App({ env: "test", logger: silentLogger })
      .register(model({ url: `${dir}/db`, models: v1(), migrations: folder }));
    await app.manage(args, (line) => lines.push(line));
    return lines;
  };
  try {
    await run(["makemigrations"]);
    assert.deepEqual(await run(["showmigrations"]), ["app", " [ ] 0001_initial"]);
    assert.deepEqual(await run(["migrate"]), ["Applied app:0001_initial"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
