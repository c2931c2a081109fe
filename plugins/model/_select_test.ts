import assert from "node:assert/strict";
import { FieldError } from "./_errors.ts";
import { field } from "./_fields.ts";
import { defineModel } from "./_model.ts";
import { type Condition, q } from "./_q.ts";
import { compileSelect, EMPTY_STATE, type QueryState } from "./_select.ts";

function postModel() {
  const User = defineModel("User", { username: field.text(), email: field.text() });
  return defineModel("Post", {
    title: field.text(),
    likes: field.integer({ default: 0 }),
    published: field.boolean({ default: false }),
    author: field.foreignKey(User, { onDelete: "cascade", null: true }),
  });
}

const state = (changes: Partial<QueryState>): QueryState => ({ ...EMPTY_STATE, ...changes });

/** Compiles `s` on a model that has compiled nothing yet. */
function fresh(s: QueryState) {
  const { text, params } = compileSelect(postModel(), s);
  return { text, params };
}

Deno.test("compileSelect binds a cached shape's new values exactly as a fresh compile", () => {
  const Post = postModel();
  const shapes: Array<(n: number) => QueryState> = [
    (n) => state({ where: [{ title: `t${n}`, published: n % 2 === 0 }] }),
    (n) => state({ where: [{ title__icontains: `50%_${n}` }], limit: n, offset: n * 2 }),
    (n) => state({ where: [{ likes__in: [n, n + 1] }], order: ["-likes"], related: ["author"] }),
    (n) => state({ where: [q.or({ likes__gte: n }, q.not({ "author.username": `u${n}` }))] }),
    (n) => state({ where: [{ likes__range: [n, n * 10] }, { author__isnull: n > 1 }] }),
    (n) => state({ where: [{ author: n > 1 ? null : n }], values: ["title", "author.username"] }),
    (n) => state({ where: [{ id: n }], only: ["title"], forUpdate: n > 1 }),
  ];
  for (const make of shapes) {
    for (const n of [1, 2, 3, 2]) {
      const { text, params } = compileSelect(Post, make(n));
      assert.deepEqual({ text, params }, fresh(make(n)));
    }
  }
});

Deno.test("compileSelect keeps values that change the SQL text apart", () => {
  const Post = postModel();
  const [some, none] = [{ author: 3 }, { author: null }].map((c) =>
    compileSelect(Post, state({ where: [c] })).text
  );
  assert.match(some, /t0\."author_id" = \$1/);
  assert.match(none, /t0\."author_id" IS NULL/);
  const lengths = [[1], [1, 2, 3]].map((ids) =>
    compileSelect(Post, state({ where: [{ id__in: ids }] })).params.length
  );
  assert.deepEqual(lengths, [1, 3]);
});

Deno.test("compileSelect still checks each value of a cached shape", () => {
  const Post = postModel();
  compileSelect(Post, state({ where: [{ title__icontains: "deno" }] }));
  assert.throws(
    () => compileSelect(Post, state({ where: [{ title__icontains: 5 } as Condition] })),
    FieldError,
  );
  assert.throws(() => compileSelect(Post, state({ where: [{ title: undefined }] })), FieldError);
  assert.throws(
    () => compileSelect(Post, state({ where: [{ "title:v,likes": 1 }] })),
    FieldError,
  );
});

Deno.test("only() names fields of a selectRelated relation by path, and needs the relation", () => {
  const Post = postModel();
  const { text } = compileSelect(
    Post,
    state({ related: ["author"], only: ["title", "author.username"] }),
  );
  assert.match(text, /^SELECT t0\."id", t0\."title", t1\."id", t1\."username" FROM /);
  const whole = compileSelect(Post, state({ related: ["author"], only: ["title"] })).text;
  assert.match(whole, /^SELECT t0\."id", t0\."title", t1\."id", t1\."username", t1\."email" FROM /);
  assert.throws(
    () => compileSelect(Post, state({ only: ["author.username"] })),
    /Cannot load only "author.username": add selectRelated\("author"\)/,
  );
  assert.throws(
    () => compileSelect(Post, state({ related: ["author"], only: ["author.karma"] })),
    /Cannot select "karma"/,
  );
});
