import assert from "node:assert/strict";
import { count, defineModel, field, IntegrityError } from "@plinth/plinth/model";
import { openDb } from "./fixtures/model_db.ts";

function blog() {
  const User = defineModel("User", {
    username: field.varchar({ maxLength: 50, unique: true }),
    password: field.text({ private: true }),
  });
  const Profile = defineModel("Profile", {
    user: field.oneToOne(User, { onDelete: "cascade", relatedName: "profile" }),
    bio: field.text({ default: "" }),
  });
  const Category = defineModel("Category", {
    name: field.text(),
    parent: field.foreignKey("self", { onDelete: "setNull", null: true, relatedName: "children" }),
  });
  const Tag = defineModel("Tag", { name: field.text() }, { ordering: ["name"] });
  const Post = defineModel("Post", {
    title: field.text({ maxLength: 200 }),
    author: field.foreignKey(User, { onDelete: "cascade", relatedName: "posts" }),
    editor: field.foreignKey(User, { onDelete: "setNull", null: true, relatedName: "edited" }),
    category: field.foreignKey(Category, { onDelete: "protect", null: true, relatedName: "posts" }),
    tags: field.manyToMany(Tag, { relatedName: "posts" }),
    score: field.integer({ default: 0 }),
  }, { ordering: ["title"], indexes: [{ fields: ["-score", "title"] }] });
  const Comment = defineModel("Comment", {
    post: field.foreignKey(Post, { onDelete: "restrict", relatedName: "comments" }),
    body: field.text(),
  });
  const Group = defineModel("Group", {
    name: field.text(),
    members: field.manyToMany(User, { through: () => Membership, relatedName: "memberships" }),
  });
  const Membership = defineModel("Membership", {
    user: field.foreignKey(User, { onDelete: "cascade", relatedName: "membershipRows" }),
    group: field.foreignKey(Group, { onDelete: "cascade", relatedName: "membershipRows" }),
    role: field.choice(["member", "admin"], { default: "member" }),
  });
  const Counter = defineModel("Counter", { value: field.integer({ default: 0 }) });
  return { User, Profile, Category, Tag, Post, Comment, Group, Membership, Counter };
}

for (const kind of ["pglite", "postgres"] as const) {
  Deno.test(`relations and transactions on ${kind}`, async (t) => {
    const m = blog();
    const { User, Profile, Category, Tag, Post, Comment, Group, Membership, Counter } = m;
    const { db, close } = await openDb(kind, Object.values(m));
    try {
      const ann = await User.objects.create({ username: "ann", password: "hash-a" });
      const bob = await User.objects.create({ username: "bob", password: "hash-b" });
      const [deno, web] = await Tag.objects.bulkCreate([{ name: "deno" }, { name: "web" }]);

      await t.step("foreign keys filter and load in both directions", async () => {
        await Profile.objects.create({ user: ann, bio: "hi" });
        const p1 = await Post.objects.create({ title: "A", author: ann, editor: bob });
        await Post.objects.create({ title: "B", authorId: ann.id });
        await Post.objects.create({ title: "C", author: bob });
        assert.deepEqual(
          (await Post.objects.filter({ "author.username": "ann" }).all()).map((p) => p.title),
          ["A", "B"],
        );
        assert.deepEqual(
          (await Post.objects.filter({ author__username__startswith: "b" }).all()).map((p) =>
            p.title
          ),
          ["C"],
        );
        assert.deepEqual(await Post.objects.filter({ author: ann }).count(), 2);
        assert.deepEqual(
          (await User.objects.filter({ "posts.title": "C" }).all()).map((u) => u.username),
          ["bob"],
        );
        assert.equal((await User.objects.get({ "profile.bio": "hi" })).username, "ann");
        const joined = await Post.objects.selectRelated("author", "editor").get({ pk: p1.id });
        assert.equal(joined.author?.username, "ann");
        assert.equal(joined.editor?.username, "bob");
        const orphan = await Post.objects.selectRelated("editor").get({ title: "B" });
        assert.equal(orphan.editor, null);
        assert.deepEqual(
          (await User.related(ann, "posts").objects.all()).map((p) => p.title),
          ["A", "B"],
        );
      });

      await t.step("many-to-many links through automatic and explicit join tables", async () => {
        const a = await Post.objects.get({ title: "A" });
        await Post.related(a, "tags").add(deno, web, deno);
        const c = await Post.objects.get({ title: "C" });
        await Post.related(c, "tags").set([web]);
        assert.deepEqual((await Post.related(a, "tags").objects.all()).map((t) => t.name), [
          "deno",
          "web",
        ]);
        assert.deepEqual(
          (await Tag.related(web, "posts").objects.orderBy("title").all()).map((p) => p.title),
          ["A", "C"],
        );
        assert.deepEqual(
          (await Post.objects.filter({ "tags.name": "deno" }).all()).map((p) => p.title),
          ["A"],
        );
        const titles = (await Post.objects.orderBy("title").all()).map((p) => p.title);
        const withoutWeb = Post.objects.exclude({ "tags.name": "web" }).orderBy("title");
        assert.deepEqual(
          (await withoutWeb.all()).map((p) => p.title),
          titles.filter((title) => title !== "A" && title !== "C"),
          "A is tagged deno and web: excluding web drops it, whatever its other tags",
        );
        assert.equal(await withoutWeb.count(), titles.length - 2);
        await Post.related(a, "tags").remove(web);
        assert.equal(await Post.related(a, "tags").objects.count(), 1);
        const staff = await Group.objects.create({ name: "staff" });
        await Membership.objects.create({ user: ann, group: staff, role: "admin" });
        assert.deepEqual(
          (await Group.related(staff, "members").objects.all()).map((u) => u.username),
          ["ann"],
        );
        assert.deepEqual(
          (await User.objects.filter({ "memberships.name": "staff" }).all()).map((u) => u.username),
          ["ann"],
        );
        assert.deepEqual(
          (await Group.objects.filter({ "membershipRows.role": "admin" }).all()).map((g) => g.name),
          ["staff"],
        );
      });

      await t.step("prefetchRelated runs one query per relation, without N+1", async () => {
        const { result: posts, queries } = await db.measure(() =>
          Post.objects.prefetchRelated("author", "tags", "comments").all()
        );
        assert.equal(queries, 4);
        assert.deepEqual(
          posts.map((p) => [p.title, p.author?.username, p.tags?.map((t) => t.name)]),
          [
            ["A", "ann", ["deno"]],
            ["B", "ann", []],
            ["C", "bob", ["web"]],
          ],
        );
        const { result: users, queries: q2 } = await db.measure(() =>
          User.objects.orderBy("username").prefetchRelated("posts.tags").all()
        );
        assert.equal(q2, 3);
        const posts0 = users[0].posts as Array<{ title: string; tags: Array<{ name: string }> }>;
        assert.deepEqual(posts0.map((p) => [p.title, p.tags.map((t) => t.name)]), [
          ["A", ["deno"]],
          ["B", []],
        ]);
      });

      await t.step("annotate counts related rows per row", async () => {
        const users = await User.objects.annotate({ n: count("posts") }).orderBy("-n").all();
        assert.deepEqual(users.map((u) => [u.username, u.n]), [["ann", 2], ["bob", 1]]);
      });

      await t.step('a foreign key to "self" joins and prefetches its own model', async () => {
        const root = await Category.objects.create({ name: "root" });
        const leaf = await Category.objects.create({ name: "leaf", parentId: root.id });
        assert.equal((await Category.objects.get({ "parent.name": "root" })).name, "leaf");
        const [loaded] = await Category.objects.filter({ pk: root.id }).prefetchRelated("children")
          .all();
        assert.deepEqual((loaded.children as Array<{ name: string }>).map((c) => c.name), ["leaf"]);
        await Category.objects.filter({ pk__in: [root.id, leaf.id] }).delete();
      });

      await t.step(
        "private fields refuse lookups across relations, orderings and partial matches",
        async () => {
          for (const key of ["author__password__startswith", "author.password"]) {
            await assert.rejects(() => Post.objects.filter({ [key]: "hash" }).all(), /private/);
          }
          await assert.rejects(
            () => User.objects.filter({ password__contains: "hash" }).all(),
            /private/,
          );
          await assert.rejects(() => User.objects.orderBy("password").all(), /private/);
          await assert.rejects(() => User.objects.values("password").all(), /private/);
          assert.equal((await User.objects.get({ password: "hash-a" })).username, "ann");
        },
      );

      await t.step("on delete: cascade, set null, protect and restrict", async () => {
        const cat = await Category.objects.create({ name: "news" });
        await Post.objects.filter({ title: "C" }).update({ category: cat, editor: ann });
        const protectedError = await Category.objects.filter({ pk: cat.id }).delete().catch((e) =>
          e
        );
        assert.ok(protectedError instanceof IntegrityError, String(protectedError));
        assert.equal(protectedError.status, 409);
        const a = await Post.objects.get({ title: "A" });
        await Comment.objects.create({ post: a, body: "first" });
        await assert.rejects(() => Post.objects.filter({ title: "A" }).delete(), IntegrityError);
        await Comment.objects.all().then(() => Comment.objects.filter({ post: a }).delete());
        await User.objects.filter({ username: "ann" }).delete();
        assert.deepEqual((await Post.objects.all()).map((p) => [p.title, p.editorId]), [[
          "C",
          null,
        ]]);
        assert.equal(await Profile.objects.count(), 0);
        assert.equal(await db.sql`SELECT 1 FROM post_tags`.then((r) => r.length), 1);
      });

      await t.step("atomic commits, rolls back on throw, and nests with savepoints", async () => {
        await db.atomic(async () => {
          await Tag.objects.create({ name: "kept" });
          await db.atomic(async () => {
            await Tag.objects.create({ name: "inner-kept" });
          });
          await assert.rejects(() =>
            db.atomic(async () => {
              await Tag.objects.create({ name: "inner-lost" });
              throw new Error("boom");
            }), /boom/);
        });
        await assert.rejects(() =>
          db.atomic(async () => {
            await Tag.objects.create({ name: "outer-lost" });
            throw new Error("bang");
          }), /bang/);
        const names = (await Tag.objects.filter({
          name__in: ["kept", "inner-kept", "inner-lost", "outer-lost"],
        }).all())
          .map((t) => t.name);
        assert.deepEqual(names, ["inner-kept", "kept"]);
      });

      await t.step(
        "onCommit hooks run after commit only, and not for rolled-back savepoints",
        async () => {
          const ran: string[] = [];
          await db.atomic(async () => {
            await db.onCommit(() => ran.push("outer"));
            await db.atomic(async () => {
              await db.onCommit(() => ran.push("kept savepoint"));
            }).catch(() => {});
            await db.atomic(async () => {
              await db.onCommit(() => ran.push("lost savepoint"));
              throw new Error("undo");
            }).catch(() => {});
            assert.deepEqual(ran, []);
          });
          assert.deepEqual(ran, ["outer", "kept savepoint"]);
          await db.atomic(async () => {
            await db.onCommit(() => ran.push("rolled back"));
            throw new Error("no");
          }).catch(() => {});
          assert.equal(ran.length, 2);
          await db.onCommit(() => ran.push("now"));
          assert.equal(ran[2], "now");
        },
      );

      await t.step("concurrent increments with selectForUpdate lose no update", async () => {
        const counter = await Counter.objects.create({});
        await assert.rejects(
          () => Counter.objects.selectForUpdate().all(),
          /outside a transaction/,
        );
        await Promise.all(Array.from({ length: 12 }, () =>
          db.atomic(async () => {
            const row = await Counter.objects.selectForUpdate().get({ pk: counter.id });
            await Counter.objects.filter({ pk: row.id }).update({ value: row.value + 1 });
          })));
        assert.equal((await Counter.objects.get({ pk: counter.id })).value, 12);
      });
    } finally {
      await close();
    }
  });
}
