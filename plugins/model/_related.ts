import { FieldError } from "./_errors.ts";
import type { Model } from "./_model.ts";
import { resolveTarget } from "./_model.ts";
import type { QuerySet } from "./_query_set.ts";
import type { AnyFields } from "./_types.ts";
import { linkOf } from "./_registry.ts";
import { compileInsert } from "./_writes.ts";

type AnyRow = Record<string, unknown>;

/**
 * The rows related to one row through a relation: `Post.related(post, "tags")`. `objects` queries
 * them; for many-to-many relations `add`, `remove`, `set` and `clear` change the links.
 *
 * @example Linking many-to-many rows
 * ```ts
 * import { connect, defineModel, field } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const Tag = defineModel("Tag", { name: field.text() });
 * const Post = defineModel("Post", { title: field.text(), tags: field.manyToMany(Tag, { relatedName: "posts" }) });
 * const db = await connect("memory://");
 * db.register([Tag, Post], { migrations: await Deno.makeTempDir() });
 * await db.makeMigrations();
 * await db.migrate();
 * const post = await Post.objects.create({ title: "Hello" });
 * const deno = await Tag.objects.create({ name: "deno" });
 * await Post.related(post, "tags").add(deno);
 * assert.deepEqual((await Tag.related(deno, "posts").objects.all()).map((p) => p.title), ["Hello"]);
 * await db.close();
 * ```
 */
export class Related {
  /** The related rows, as a QuerySet. */
  readonly objects: QuerySet<AnyFields, Record<string, unknown>>;
  readonly #link: { through: Model; mine: string; theirs: string } | undefined;
  readonly #pk: unknown;
  readonly #other: Model;

  /** Use `Model.related`. */
  constructor(model: Model, row: AnyRow, name: string) {
    const pk = row[model.pk.key];
    if (pk === undefined || pk === null) {
      throw new FieldError(`Cannot follow "${name}": the row has no primary key`);
    }
    this.#pk = pk;
    const f = model.fields.get(name);
    const reverse = model.reverse.get(name);
    if (f?.relation !== undefined && f.concrete) {
      this.#other = resolveTarget(f);
      this.objects = this.#other.objects.filter({ [this.#other.pk.key]: row[f.key] }) as never;
    } else if (reverse !== undefined && reverse.field.concrete) {
      this.#other = reverse.model;
      this.objects = reverse.model.objects.filter({ [reverse.field.key]: pk }) as never;
    } else if (f?.relation !== undefined || reverse !== undefined) {
      const m2m = f ?? reverse!.field;
      const link = linkOf(m2m);
      const [mine, theirs] = f !== undefined
        ? [link.source, link.target]
        : [link.target, link.source];
      this.#other = f !== undefined ? resolveTarget(m2m) : reverse!.model;
      this.#link = { through: link.through, mine: mine.key, theirs: theirs.key };
      const back = [...this.#other.reverse.values()].find((r) => r.field === theirs)!;
      this.objects = this.#other.objects.filter({ [`${back.name}.${mine.name}`]: pk }) as never;
    } else {
      throw new FieldError(`Cannot follow "${name}": it is not a relation of ${model.name}`);
    }
  }

  #keys(rows: readonly unknown[]): unknown[] {
    return rows.map((r) =>
      typeof r === "object" && r !== null ? (r as AnyRow)[this.#other.pk.key] : r
    );
  }

  #many(what: string) {
    if (this.#link === undefined) {
      throw new FieldError(`Cannot ${what}: only many-to-many relations have links`);
    }
    return this.#link;
  }

  /** Links rows (or keys); links that exist are kept. */
  async add(...rows: unknown[]): Promise<void> {
    const link = this.#many("add");
    const existing = new Set(
      (await link.through.objects.filter({ [link.mine]: this.#pk }).values(link.theirs).all()).map((
        r,
      ) => r[link.theirs]),
    );
    const fresh = [...new Set(this.#keys(rows))].filter((k) => !existing.has(k));
    if (fresh.length === 0) return;
    const data = fresh.map((k) =>
      link.through.validate({ [link.mine]: this.#pk, [link.theirs]: k })
    );
    const { text, params } = compileInsert(link.through, data);
    await link.through.db.run(text, params, "array");
  }

  /** Unlinks rows (or keys). */
  async remove(...rows: unknown[]): Promise<void> {
    const link = this.#many("remove");
    await link.through.objects.filter({
      [link.mine]: this.#pk,
      [`${link.theirs}__in`]: this.#keys(rows),
    }).delete();
  }

  /** Makes the links exactly `rows`. */
  async set(rows: readonly unknown[]): Promise<void> {
    const link = this.#many("set");
    await link.through.db.atomic(async () => {
      await link.through.objects.filter({ [link.mine]: this.#pk }).exclude({
        [`${link.theirs}__in`]: this.#keys(rows),
      }).delete();
      await this.add(...rows);
    });
  }

  /** Removes every link. */
  async clear(): Promise<void> {
    const link = this.#many("clear");
    await link.through.objects.filter({ [link.mine]: this.#pk }).delete();
  }
}
