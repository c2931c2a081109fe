import assert from "node:assert/strict";
import { silentLogger } from "@plinth/plinth";
import { defineModel, f, field, FieldError, q, ValidationError } from "@plinth/plinth/model";
import { openDb } from "./fixtures/model_db.ts";

function blog() {
  const User = defineModel("User", { name: field.text(), karma: field.integer({ default: 0 }) });
  const Post = defineModel("Post", {
    title: field.text(),
    author: field.foreignKey(User, { onDelete: "cascade", relatedName: "posts" }),
    likes: field.integer({ default: 0 }),
    dislikes: field.integer({ default: 0 }),
    views: field.bigint({ default: 0n }),
    rating: field.float({ default: 0 }),
    price: field.decimal({ maxDigits: 8, decimalPlaces: 2, default: "0.00" }),
    editedAt: field.timestamp({ autoNow: "update", null: true }),
  }, { ordering: ["title"] });
  return { User, Post };
}

for (const kind of ["pglite", "postgres"] as const) {
  Deno.test(`f() expressions on ${kind}`, async (t) => {
    const { User, Post } = blog();
    const { db, close } = await openDb(kind, [User, Post]);
    try {
      const ann = await User.objects.create({ name: "ann", karma: 5 });
      const post = await Post.objects.create({ title: "Hello", author: ann, dislikes: 2 });

      await t.step("a like is one UPDATE that adds to the column in the database", async () => {
        const statements: string[] = [];
        db.log = { ...silentLogger, debug: (message) => statements.push(message) };
        try {
          const changed = await Post.objects.filter({ id: post.id }).update({
            likes: f("likes").add(1),
          });
          assert.equal(changed, 1);
        } finally {
          db.log = silentLogger;
        }
        assert.equal(statements.length, 1);
        assert.match(
          statements[0],
          /^UPDATE "post" AS t0 SET "edited_at" = \$1, "likes" = "likes" \+ \$2 /,
        );
        const liked = await Post.objects.get({ id: post.id });
        assert.equal(liked.likes, 1);
        assert.ok(liked.editedAt instanceof Date, "auto-updated timestamps are still set");
      });

      await t.step(
        "add, sub and mul compute on integer, bigint, float and decimal fields",
        async () => {
          await Post.objects.filter({ id: post.id }).update({
            likes: f("likes").add(4).mul(3),
            dislikes: f("dislikes").sub(f("likes")),
            views: f("views").add(9_007_199_254_740_993n),
            rating: f("rating").add(1.25).mul(2),
            price: f("price").add("10.10").mul("1.5"),
          });
          const row = await Post.objects.get({ id: post.id });
          assert.deepEqual(
            [row.likes, row.dislikes, row.views, row.rating, row.price],
            [15, 1, 9_007_199_254_740_993n, 2.5, "15.15"],
          );
          await Post.objects.filter({ id: post.id }).update({ likes: f("dislikes") });
          assert.equal((await Post.objects.get({ id: post.id })).likes, 1);
        },
      );

      await t.step(
        "filters compare a field with f(), across relations and inside q()",
        async () => {
          await Post.objects.bulkCreate([
            { title: "Loved", author: ann, likes: 10, dislikes: 1 },
            { title: "Hated", author: ann, likes: 1, dislikes: 10 },
            { title: "Tied", author: ann, likes: 3, dislikes: 3 },
          ]);
          const titles = async (condition: Parameters<typeof Post.objects.filter>[0]) =>
            (await Post.objects.filter(condition).all()).map((p) => p.title);
          assert.deepEqual(await titles({ likes__gt: f("dislikes") }), ["Loved"]);
          assert.deepEqual(await titles({ likes: f("dislikes") }), ["Hello", "Tied"]);
          assert.deepEqual(await titles({ likes__gte: f("dislikes").mul(3) }), ["Loved"]);
          assert.deepEqual(await titles({ likes__gt: f("author.karma") }), ["Loved"]);
          assert.deepEqual(
            await titles(q.or({ likes__lt: f("dislikes") }, { title: "Tied" })),
            ["Hated", "Tied"],
          );
          const rest = await Post.objects.exclude({ likes__lte: f("dislikes") }).all();
          assert.deepEqual(rest.map((p) => p.title), ["Loved"]);
          await assert.rejects(
            () => Post.objects.filter({ title__icontains: f("title") }).all(),
            FieldError,
          );
        },
      );

      await t.step("invalid values still fail validation next to expressions", async () => {
        await assert.rejects(
          () =>
            Post.objects.filter({ id: post.id }).update({
              likes: f("likes").add(1),
              // @ts-expect-error: a likes count is a number
              dislikes: "many",
            }),
          ValidationError,
        );
        assert.equal((await Post.objects.get({ id: post.id })).likes, 1);
      });

      await t.step("concurrent f() increments lose no update", async () => {
        const counter = await Post.objects.create({ title: "Counter", author: ann });
        await Promise.all(
          Array.from(
            { length: 30 },
            () => Post.objects.filter({ id: counter.id }).update({ likes: f("likes").add(1) }),
          ),
        );
        assert.equal((await Post.objects.get({ id: counter.id })).likes, 30);
      });
    } finally {
      await close();
    }
  });
}
