import assert from "node:assert/strict";
import { FieldError } from "./_errors.ts";
import { f } from "./_expressions.ts";
import { field } from "./_fields.ts";
import { defineModel } from "./_model.ts";
import { compileSelect, EMPTY_STATE, type QueryState } from "./_select.ts";
import { compileUpdate } from "./_writes.ts";

function models() {
  const User = defineModel("User", {
    karma: field.integer({ default: 0 }),
    password: field.text({ private: true }),
  });
  const Post = defineModel("Post", {
    title: field.text(),
    likes: field.integer({ default: 0 }),
    dislikes: field.integer({ default: 0 }),
    views: field.bigint({ default: 0n }),
    price: field.decimal({ maxDigits: 8, decimalPlaces: 2, default: "0" }),
    author: field.foreignKey(User, { onDelete: "cascade", relatedName: "posts" }),
  });
  return { User, Post };
}

const where = (...conditions: QueryState["where"]): QueryState => ({
  ...EMPTY_STATE,
  where: conditions,
});

Deno.test("an f() increment compiles to SET column = column + parameter", () => {
  const { Post } = models();
  const statement = compileUpdate(Post, where({ id: 7 }), { likes: f("likes").add(1) });
  assert.equal(
    statement.text,
    'UPDATE "post" AS t0 SET "likes" = "likes" + $1 WHERE (t0."id" = $2)',
  );
  assert.deepEqual(statement.params, [1, 7]);
});

Deno.test("f() steps apply left to right and nested expressions are parenthesised", () => {
  const { Post } = models();
  const statement = compileUpdate(Post, EMPTY_STATE, {
    likes: f("likes").sub(1).mul(2),
    dislikes: f("dislikes").add(f("likes").mul(3)),
    title: "plain values still bind",
  });
  assert.equal(
    statement.text,
    'UPDATE "post" AS t0 SET "title" = $1, "likes" = ("likes" - $2) * $3, ' +
      '"dislikes" = "dislikes" + ("likes" * $4)',
  );
  assert.deepEqual(statement.params, ["plain values still bind", 1, 2, 3]);
});

Deno.test("f() operands are checked against the field they start from", () => {
  const { Post } = models();
  const update = (changes: Record<string, unknown>) => compileUpdate(Post, EMPTY_STATE, changes);
  assert.deepEqual(update({ views: f("views").add(5n) }).params, [5n]);
  assert.deepEqual(update({ price: f("price").mul("1.125") }).params, ["1.125"]);
  assert.deepEqual(update({ price: f("price").mul(2) }).params, ["2"]);
  assert.throws(() => update({ likes: f("likes").add(1.5) }), /Invalid operand 1.5.*whole number/);
  assert.throws(() => update({ views: f("views").add(1) }), /Invalid operand 1.*bigint/);
  assert.throws(() => update({ price: f("price").add("1e3") }), /decimal string/);
});

Deno.test("f() in update() refuses unknown, related, private and non-number fields", () => {
  const { Post, User } = models();
  const cases: Array<[() => unknown, RegExp]> = [
    [() => compileUpdate(Post, EMPTY_STATE, { likes: f("nope") }), /name a field of Post/],
    [() => compileUpdate(Post, EMPTY_STATE, { likes: f("author.karma") }), /related models/],
    [() => compileUpdate(Post, EMPTY_STATE, { likes: f('likes"; --') }), /name a field/],
    [() => compileUpdate(User, EMPTY_STATE, { karma: f("password") }), /private field/],
    [() => compileUpdate(Post, EMPTY_STATE, { likes: f("title").add(1) }), /text field/],
    [() => compileUpdate(Post, EMPTY_STATE, { likes: f("likes").add(f("title")) }), /text field/],
    [() => compileUpdate(Post, EMPTY_STATE, { title: f("likes").add(1) }), /not a number/],
    [() => compileUpdate(Post, EMPTY_STATE, { nope: f("likes") }), /not a field of Post/],
  ];
  for (const [attempt, message] of cases) {
    assert.throws(attempt, (e) => e instanceof FieldError && message.test(e.message));
  }
});

Deno.test("f() as a filter value compares fields, across relations too", () => {
  const { Post } = models();
  const same = compileSelect(Post, where({ likes__gt: f("dislikes").mul(2) }));
  assert.match(same.text, /WHERE \(t0\."likes" > t0\."dislikes" \* \$1\)$/);
  assert.deepEqual(same.params, [2]);
  const joined = compileSelect(Post, where({ likes__gte: f("author.karma") }));
  assert.match(joined.text, /LEFT JOIN "user" AS t1 .* WHERE \(t0\."likes" >= t1\."karma"\)$/);
});

Deno.test("f() filter values work with comparisons only and refuse private fields", () => {
  const { Post, User } = models();
  const cases: Array<[QueryState, RegExp]> = [
    [where({ title__contains: f("title") }), /use it with exact, gt, gte, lt or lte/],
    [where({ likes__in: [1, f("dislikes")] }), /use it with exact, gt, gte, lt or lte/],
    [where({ likes: f("author.password") }), /private field/],
    [where({ likes__gt: f("likes__gt") }), /without a lookup/],
  ];
  for (const [state, message] of cases) {
    assert.throws(
      () => compileSelect(Post, state),
      (e) => e instanceof FieldError && message.test(e.message),
    );
  }
  assert.throws(() => compileSelect(User, where({ password: f("password") })), /private field/);
});
