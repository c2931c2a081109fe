import type { AnyField, Fields } from "./_field.ts";
import { field as fields } from "./_fields.ts";
import { checkName, snakeCase } from "./_names.ts";
import { quote } from "./_sql.ts";
import type { AnyFields, Changes, Input, PkValue, Row } from "./_types.ts";
import { type FieldErrors, ValidationError } from "./_errors.ts";
import { QuerySet } from "./_query_set.ts";
import { Related } from "./_related.ts";
import type { Database } from "./_database.ts";
import type { ModelOptions, ReverseRelation, ValidateOptions } from "./_model_options.ts";

const bindings = new WeakMap<Model, Database>();

/**
 * A model: a table, its typed fields, and the `objects` QuerySet to query it. Rows are plain
 * objects typed by {@linkcode Row}. Made with {@linkcode defineModel}.
 *
 * @example Validation without a database
 * ```ts
 * import { defineModel, field, ValidationError } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const Post = defineModel("Post", { title: field.text({ maxLength: 5 }), views: field.integer({ default: 0 }) });
 * assert.deepEqual(Post.validate({ title: "Hi" }), { title: "Hi", views: 0 });
 * assert.throws(() => Post.validate({ title: "Too long" }), ValidationError);
 * ```
 */
// deno-lint-ignore no-explicit-any -- `Model` alone means a model of any fields
export class Model<F extends AnyFields = any> {
  /** Type-level only: the row type. */
  declare readonly __row: Row<F>;
  /** Type-level only: the primary key's type. */
  declare readonly __pk: PkValue<F>;
  /** The model's name, such as `"Post"`. */
  readonly name: string;
  /** The table name. */
  readonly table: string;
  /** Every field by name, the primary key included. */
  readonly fields: ReadonlyMap<string, AnyField>;
  /** The primary key field. */
  readonly pk: AnyField;
  /** The options the model was defined with. */
  readonly options: ModelOptions;
  /** Relations other models declare towards this one, by accessor name; filled on registration. */
  readonly reverse: Map<string, ReverseRelation> = new Map();
  readonly #byKey = new Map<string, AnyField>();
  #columns: readonly AnyField[] | undefined;

  /** Use {@linkcode defineModel}. */
  constructor(name: string, declared: F, options: ModelOptions = {}) {
    checkName("model", name);
    this.name = name;
    this.table = options.table ?? snakeCase(name);
    quote(this.table);
    this.options = options;
    const all = new Map<string, AnyField>();
    const pks = Object.values(declared).filter((f) => f.options.primaryKey);
    if (pks.length > 1) {
      throw new Error(`Cannot define model "${name}": it has several primary keys`);
    }
    if (pks.length === 0) {
      if ("id" in declared) {
        throw new Error(`Cannot define model "${name}": a field "id" needs primaryKey: true`);
      }
      all.set("id", fields.auto());
    }
    for (const [key, value] of Object.entries(declared)) all.set(key, value);
    for (const [key, f] of all) {
      checkName("field", key);
      if (f.name !== "") {
        throw new Error(`Cannot define model "${name}": field "${key}" is already used by a model`);
      }
      f.name = key;
      const rel = f.relation !== undefined && f.concrete;
      f.key = rel ? `${key}Id` : key;
      f.column = f.options.column ?? snakeCase(rel ? `${key}_id` : key);
      quote(f.column);
      this.#byKey.set(f.key, f);
    }
    this.fields = all;
    this.pk = pks[0] ?? all.get("id")!;
    for (const spec of options.ordering ?? []) this.#field(spec.replace(/^-/, ""), "ordering");
    for (const index of options.indexes ?? []) {
      for (const spec of index.fields) this.#field(spec.replace(/^-/, ""), "index");
    }
    for (const c of options.constraints ?? []) {
      if ("unique" in c) { for (const f of c.unique) this.#field(f, "constraint"); }
    }
  }

  /** The columns: every field but many-to-many ones, in declaration order (worked out once). */
  get columns(): readonly AnyField[] {
    return this.#columns ??= [...this.fields.values()].filter((f) => f.concrete);
  }

  /** A QuerySet of every row, in the default ordering. */
  get objects(): QuerySet<F, Row<F>> {
    return new QuerySet<F, Row<F>>(this);
  }

  /** The database this model was registered with. @throws {Error} When unregistered. */
  get db(): Database {
    const db = bindings.get(this as Model);
    if (db === undefined) {
      throw new Error(
        `Cannot query "${this.name}": it is not registered with a database; ` +
          `pass it to model({ models: [...] }) or db.register([...])`,
      );
    }
    return db;
  }

  /**
   * The rows related to `row` through relation `name` (a field or a reverse accessor): query them
   * with `.objects`; link and unlink many-to-many rows with `add`, `remove`, `set`, `clear`.
   */
  related(row: Row<F>, name: string): Related {
    return new Related(this, row as Record<string, unknown>, name);
  }

  /** The field stored under `key` in rows (`authorId` finds `author`). */
  fieldByKey(key: string): AnyField | undefined {
    return this.#byKey.get(key);
  }

  /**
   * Checks data before a write and returns it with defaults applied and relations given as
   * rows turned into keys.
   *
   * @throws {ValidationError} With the messages of every invalid field.
   */
  validate(data: Input<F> | Changes<F>, options: ValidateOptions = {}): Record<string, unknown> {
    const given = { ...data } as Record<string, unknown>;
    const errors: FieldErrors = {};
    const out: Record<string, unknown> = {};
    for (const f of this.fields.values()) {
      if (f.relation !== undefined && f.concrete && f.name in given) {
        const related = given[f.name] as Record<string, unknown> | null;
        delete given[f.name];
        given[f.key] = related === null ? null : related[pkKeyOf(f)];
      }
    }
    for (const key of Object.keys(given)) {
      const f = this.#byKey.get(key);
      if (f === undefined || !f.concrete) errors[key] = [`Unknown field "${key}" on ${this.name}`];
    }
    for (const f of this.columns) {
      let value = given[f.key];
      if (
        f.autoNow === "update" ||
        (f.autoNow === "create" && !options.partial && value === undefined)
      ) {
        value = new Date();
      } else if (value === undefined) {
        if (options.partial) continue;
        value = f.defaultValue();
        if (value === undefined) {
          if (f.type.generated) continue;
          if (!f.nullable) {
            errors[f.key] = ["This field is required"];
            continue;
          }
          value = null;
        }
      }
      const messages = f.validate(value);
      if (messages.length > 0) errors[f.key] = messages;
      else out[f.key] = value;
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    return out;
  }

  /** Turns a raw database row (by column name) into a typed row. */
  fromRecord(record: Record<string, unknown>): Row<F> {
    const row: Record<string, unknown> = {};
    for (const f of this.columns) row[f.key] = f.fromDb(record[f.column]);
    return row as Row<F>;
  }

  #field(name: string, where: string): AnyField {
    const f = this.fields.get(name) ?? this.#byKey.get(name);
    if (f === undefined || !f.concrete) {
      throw new Error(`Cannot define model "${this.name}": ${where} names unknown field "${name}"`);
    }
    return f;
  }
}

/** The key of the primary key of the model a relation field points at. */
function pkKeyOf(f: AnyField): string {
  return resolveTarget(f).pk.key;
}

/** The model a relation field points at. Internal. */
export function resolveTarget(f: AnyField): Model {
  const ref = f.relation!.to;
  if (ref === "self") return owners.get(f)!;
  const model = typeof ref === "function" ? (ref as () => Model)() : ref as Model;
  if (!(model instanceof Model)) {
    throw new Error(`Cannot resolve relation "${f.name}": pass a model, () => Model, or "self"`);
  }
  return model;
}

const owners = new WeakMap<AnyField, Model>();

/** The model a field belongs to. Internal. */
export function ownerOf(f: AnyField): Model {
  return owners.get(f)!;
}

/**
 * Defines a model: a table and its typed fields. An `id` primary key is added unless a field
 * sets `primaryKey: true`.
 *
 * @example A model with a relation
 * ```ts
 * import { defineModel, field } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const User = defineModel("User", { username: field.varchar({ maxLength: 50, unique: true }) });
 * const Post = defineModel("Post", {
 *   title: field.text(),
 *   author: field.foreignKey(User, { onDelete: "cascade", relatedName: "posts" }),
 * }, { ordering: ["title"] });
 * assert.equal(Post.fields.get("author")?.key, "authorId");
 * assert.equal(Post.fields.get("author")?.column, "author_id");
 * ```
 */
export function defineModel<const F extends Fields>(
  name: string,
  declared: F,
  options?: ModelOptions,
): Model<F> {
  const model = new Model(name, declared, options);
  for (const f of model.fields.values()) owners.set(f, model as Model);
  return model;
}

/** Binds models to a database. Internal. */
export function bindModel(model: Model, db: Database): void {
  const bound = bindings.get(model);
  if (bound !== undefined && bound !== db) {
    throw new Error(
      `Cannot register model "${model.name}": it is registered with another database; ` +
        `define it again for this one`,
    );
  }
  bindings.set(model, db);
}
