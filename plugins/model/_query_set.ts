import type { Aggregate } from "./_aggregates.ts";
import type { Database } from "./_database.ts";
import { FieldError } from "./_errors.ts";
import {
  aggregateRows,
  countRows,
  fetchOne,
  fetchRows,
  iterateRows,
  type Query,
  rowsExist,
} from "./_fetch.ts";
import { getOrCreate, updateOrCreate } from "./_get_or_create.ts";
import type { Model } from "./_model.ts";
import { type Condition, Q } from "./_q.ts";
import { checkAlias, EMPTY_STATE, type QueryState } from "./_select.ts";
import { sql as sqlTag } from "./_sql.ts";
import type { AnyFields, Changes, Input, Row, Updates } from "./_types.ts";
import {
  compileDelete,
  compileInsert,
  compileUpdate,
  decodeReturned,
  insertMany,
} from "./_writes.ts";

/**
 * A lazy, immutable query over one model: each method returns a new QuerySet, and nothing runs
 * until a method such as `all()`, `get()`, `count()` or `for await` asks for rows.
 *
 * @example Filtering across a relation, ordering and aggregating
 * ```ts
 * import { avg, connect, count, defineModel, field } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const User = defineModel("User", { username: field.text() });
 * const Post = defineModel("Post", {
 *   title: field.text(),
 *   score: field.integer({ default: 0 }),
 *   author: field.foreignKey(User, { onDelete: "cascade", relatedName: "posts" }),
 * });
 * const db = await connect("memory://");
 * db.register([User, Post], { migrations: await Deno.makeTempDir() });
 * await db.makeMigrations();
 * await db.migrate();
 * const ann = await User.objects.create({ username: "ann" });
 * await Post.objects.bulkCreate([
 *   { title: "Deno tips", score: 3, author: ann },
 *   { title: "Hello", score: 1, author: ann },
 * ]);
 * const titles = await Post.objects
 *   .filter({ "author.username": "ann", title__icontains: "deno" })
 *   .orderBy("-score")
 *   .values("title")
 *   .all();
 * assert.deepEqual(titles, [{ title: "Deno tips" }]);
 * assert.deepEqual(await Post.objects.aggregate({ n: count(), avg: avg("score") }), { n: 2, avg: 2 });
 * const [user] = await User.objects.prefetchRelated("posts").all();
 * assert.equal((user.posts as unknown[]).length, 2);
 * await db.close();
 * ```
 */
export class QuerySet<F extends AnyFields, R = Row<F>> {
  readonly #model: Model<F>;
  readonly #state: QueryState;
  readonly #db: Database | undefined;

  /** Use `Model.objects`. */
  constructor(model: Model<F>, state: QueryState = EMPTY_STATE, db?: Database) {
    this.#model = model;
    this.#state = state;
    this.#db = db;
  }

  /** The model queried. */
  get model(): Model<F> {
    return this.#model;
  }

  #with(changes: Partial<QueryState>): QuerySet<F, R> {
    return new QuerySet<F, R>(this.#model, { ...this.#state, ...changes }, this.#db);
  }

  get #database(): Database {
    return this.#db ?? this.#model.db;
  }

  #query(state: QueryState = this.#state): Query {
    return { db: this.#database, model: this.#model as Model, state };
  }

  /** Runs on `db` rather than the model's registered database. */
  using(db: Database): QuerySet<F, R> {
    return new QuerySet<F, R>(this.#model, this.#state, db);
  }

  /** Keeps rows matching every condition. Keys: `field`, `rel.field`, `rel__field__lookup`. */
  filter(...conditions: Condition[]): QuerySet<F, R> {
    return this.#with({ where: [...this.#state.where, ...conditions] });
  }

  /** Drops rows matching the condition (rows where it is unknown, such as NULL, stay). */
  exclude(condition: Condition): QuerySet<F, R> {
    return this.#with({ where: [...this.#state.where, new Q("not", [condition])] });
  }

  /** Orders by field paths, `-` for descending: `orderBy("-createdAt", "author.username")`. */
  orderBy(...fields: string[]): QuerySet<F, R> {
    return this.#with({ order: fields });
  }

  /** Returns at most `n` rows. */
  limit(n: number): QuerySet<F, R> {
    return this.#with({ limit: wholeNumber(n, "limit") });
  }

  /** Skips the first `n` rows. */
  offset(n: number): QuerySet<F, R> {
    return this.#with({ offset: wholeNumber(n, "offset") });
  }

  /** Drops duplicate rows (`SELECT DISTINCT`). */
  distinct(): QuerySet<F, R> {
    return this.#with({ distinct: true });
  }

  /** Loads foreign-key rows in the same query with a JOIN: `selectRelated("author")`. */
  selectRelated(...paths: string[]): QuerySet<F, R> {
    const related = [...this.#state.related, ...paths].sort((a, b) =>
      a.split(".").length - b.split(".").length
    );
    return this.#with({ related });
  }

  /** Loads relations with one extra query each after the main one: `prefetchRelated("tags")`. */
  prefetchRelated<K extends string>(
    ...paths: K[]
  ): QuerySet<F, R & { [P in K extends `${infer H}.${string}` ? H : K]?: unknown }> {
    return this.#with({ prefetch: [...this.#state.prefetch, ...paths] }) as never;
  }

  /**
   * Loads only these fields (and the primary key). Fields of a relation loaded by
   * `selectRelated` are named by their path, such as `"author.username"`: the related row then
   * holds only those (and its primary key); a relation none is named of is loaded whole.
   */
  only<K extends (keyof R & string) | `${string}.${string}`>(
    ...fields: K[]
  ): QuerySet<
    F,
    Pick<R, (K | (K extends `${infer Relation}.${string}` ? Relation : never) | "id") & keyof R>
  > {
    return this.#with({ only: fields }) as never;
  }

  /** Returns plain objects of these field paths (and annotations) instead of rows. */
  values<K extends string>(...fields: K[]): QuerySet<F, Record<K, unknown>> {
    return this.#with({ values: fields }) as unknown as QuerySet<F, Record<K, unknown>>;
  }

  /** Adds aggregates per row, such as `annotate({ postCount: count("posts") })`. */
  annotate<A extends Record<string, Aggregate>>(
    aggregates: A,
  ): QuerySet<F, R & { [K in keyof A]: A[K] extends Aggregate<infer T> ? T : never }> {
    for (const alias of Object.keys(aggregates)) checkAlias(this.#model, alias);
    const annotations = { ...this.#state.annotations, ...aggregates };
    return this.#with({ annotations }) as never;
  }

  /** Locks the selected rows until the transaction ends (`FOR UPDATE`); needs `db.atomic`. */
  selectForUpdate(): QuerySet<F, R> {
    return this.#with({ forUpdate: true });
  }

  /** Runs the query and returns every row. */
  async all(): Promise<R[]> {
    return await fetchRows(this.#query()) as R[];
  }

  /**
   * The one row matching the conditions.
   *
   * @throws {DoesNotExist} 404 when none matches.
   * @throws {MultipleObjectsReturned} When several match.
   */
  async get(...conditions: Condition[]): Promise<R> {
    return await fetchOne(this.#query(), conditions) as R;
  }

  /** The first row in order (by primary key when unordered), or `undefined`. */
  async first(): Promise<R | undefined> {
    const order = this.#state.order ?? this.#model.options.ordering ?? [this.#model.pk.name];
    return (await fetchRows(this.#query({ ...this.#state, order, limit: 1 })))[0] as R | undefined;
  }

  /** The last row in order (by primary key when unordered), or `undefined`. */
  async last(): Promise<R | undefined> {
    return (await fetchRows(this.#query({ ...this.#state, limit: 1 }), true))[0] as R | undefined;
  }

  /** Whether any row matches. */
  async exists(): Promise<boolean> {
    return await rowsExist(this.#query());
  }

  /** How many rows match. */
  async count(): Promise<number> {
    return await countRows(this.#query());
  }

  /** Aggregates over the matching rows: `aggregate({ n: count(), avg: avg("score") })`. */
  async aggregate<A extends Record<string, Aggregate>>(
    aggregates: A,
  ): Promise<{ [K in keyof A]: A[K] extends Aggregate<infer T> ? T : never }> {
    return await aggregateRows(this.#query(), aggregates) as never;
  }

  /** Validates and inserts one row; returns it as stored (defaults and keys filled). */
  async create(data: Input<F>): Promise<Row<F>> {
    const row = this.#model.validate(data);
    const { text, params } = compileInsert(this.#model as Model, [row]);
    const result = await this.#database.run(text, params, "array");
    return decodeReturned(this.#model as Model, result.rows[0] as unknown[]) as Row<F>;
  }

  /**
   * Validates and inserts many rows with multi-row INSERTs (in one transaction when there are
   * several batches). Returns the rows as given, with the values the database generated (such
   * as the primary key) filled in.
   */
  async bulkCreate(
    data: readonly Input<F>[],
    options: { batchSize?: number } = {},
  ): Promise<Row<F>[]> {
    const rows = await insertMany(this.#database, this.#model as Model, data, options.batchSize);
    return rows as Row<F>[];
  }

  /** The row matching `lookup`, or a new one made from `lookup` and `defaults`. */
  async getOrCreate(lookup: Changes<F>, defaults: Changes<F> = {}): Promise<[Row<F>, boolean]> {
    return await getOrCreate(this.#database, this as never, lookup, defaults) as [Row<F>, boolean];
  }

  /** Updates the row matching `lookup` with `defaults`, or creates it; returns `[row, created]`. */
  async updateOrCreate(lookup: Changes<F>, defaults: Changes<F> = {}): Promise<[Row<F>, boolean]> {
    const result = await updateOrCreate(this.#database, this as never, lookup, defaults);
    return result as [Row<F>, boolean];
  }

  /**
   * Applies `changes` to every matching row in one UPDATE; returns how many changed. Plain
   * values are validated; `f()` expressions are computed by the database from each row, so
   * `update({ likes: f("likes").add(1) })` is an atomic increment.
   */
  async update(changes: Updates<F>): Promise<number> {
    const { text, params } = compileUpdate(this.#model as Model, this.#state, changes);
    return (await this.#database.run(text, params, "array")).rowCount;
  }

  /** Deletes every matching row (the database applies each foreign key's `onDelete`). */
  async delete(): Promise<number> {
    const { text, params } = compileDelete(this.#model as Model, this.#state);
    return (await this.#database.run(text, params, "array")).rowCount;
  }

  /**
   * Rows from raw SQL (a tagged template: values become parameters); columns are matched to
   * fields by column name.
   */
  async raw(strings: TemplateStringsArray, ...values: unknown[]): Promise<Row<F>[]> {
    const statement = sqlTag(strings, ...values);
    const rows = await this.#database.run(statement.text, statement.params, "object");
    return (rows.rows as Record<string, unknown>[]).map((r) => this.#model.fromRecord(r));
  }

  /**
   * Yields rows fetched in chunks of `chunkSize`: by primary key ranges when unordered,
   * otherwise by offset.
   */
  async *iterate(chunkSize = 1000): AsyncGenerator<R> {
    yield* iterateRows(this.#query(), chunkSize) as AsyncGenerator<R>;
  }

  /** `for await (const row of qs)` iterates in chunks of 1000. */
  [Symbol.asyncIterator](): AsyncGenerator<R> {
    return this.iterate();
  }
}

function wholeNumber(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0) {
    throw new FieldError(`Invalid ${what} ${n}: use a whole number >= 0`);
  }
  return n;
}
