/**
 * Plinth's model layer: a Django-class ORM for PostgreSQL. Define models with typed fields,
 * query them with lazy, chainable QuerySets, follow relations both ways, run transactions with
 * `atomic`, and evolve the schema with migrations generated from the models
 * (`makemigrations`, `migrate`, `showmigrations`, `sqlmigrate`).
 *
 * Two drivers sit behind one interface: PGlite (PostgreSQL in WASM, in memory or in a data
 * folder such as `.plinth/db`) and a PostgreSQL server through postgres.js with a pool.
 *
 * Filter keys are field paths joined by `.` or `__` (`"author.username"`,
 * `"author__username"`), optionally ending in a lookup after `__`: `exact`, `iexact`,
 * `contains`, `icontains`, `startswith`, `istartswith`, `endswith`, `iendswith`, `in`, `gt`,
 * `gte`, `lt`, `lte`, `range`, `isnull`. Identifiers come only from declared fields; values are
 * always bind parameters. {@linkcode f} expressions let the database compute from each row:
 * `update({ likes: f("likes").add(1) })` is an atomic increment, and
 * `filter({ likes__gt: f("dislikes") })` compares two fields.
 *
 * @example Define, migrate, query
 * ```ts
 * import { App } from "@plinth/plinth";
 * import { defineModel, field, model } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const Post = defineModel("Post", {
 *   title: field.text({ maxLength: 200 }),
 *   published: field.boolean({ default: false }),
 * });
 * const migrations = await Deno.makeTempDir();
 * const app = new App({ env: "test" }).register(model({ models: [Post], migrations }));
 * app.get("/posts", async (ctx) => ctx.json(await Post.objects.filter({ published: true }).all()));
 * await app.boot();
 * await app.db.makeMigrations();
 * await app.db.migrate();
 * await Post.objects.create({ title: "Hello", published: true });
 * const res = await app.request("/posts");
 * assert.equal((await res.json())[0].title, "Hello");
 * await app.close();
 * ```
 *
 * @module
 */
import type { Database } from "./_database.ts";

export { Aggregate, avg, count, max, min, sum } from "./_aggregates.ts";
export { connect, type ConnectOptions } from "./_connect.ts";
export { Database, type QueryStats, type RegisterOptions } from "./_database.ts";
export {
  DoesNotExist,
  FieldError,
  type FieldErrors,
  IntegrityError,
  MultipleObjectsReturned,
  ValidationError,
} from "./_errors.ts";
export { Expression, f, type Operand } from "./_expressions.ts";
export {
  type AnyField,
  Field,
  type Fields,
  type FieldType,
  type ModelRef,
  type OnDelete,
  type RelationSpec,
} from "./_field.ts";
export type {
  DecimalOptions,
  FieldFor,
  FieldOptions,
  TextOptions,
  TimestampOptions,
  UuidOptions,
  Validator,
} from "./_field_options.ts";
export { field, FieldFactory } from "./_fields.ts";
export {
  type ForeignKeyOptions,
  ManyToManyField,
  type ManyToManyOptions,
  type ModelLike,
  RelationField,
} from "./_relation_fields.ts";
export type { AppEntry, MadeMigration, MakeMigrationsOptions } from "./_makemigrations.ts";
export type { Migration } from "./_migration.ts";
export type { MigrateResult } from "./_migrator.ts";
export { defineModel, Model } from "./_model.ts";
export type {
  ConstraintSpec,
  IndexSpec,
  ModelOptions,
  ReverseRelation,
  ValidateOptions,
} from "./_model_options.ts";
export type { DataStep, Operation } from "./_operations.ts";
export { model, type ModelPluginOptions } from "./_plugin.ts";
export { type Condition, type Filter, Q, q } from "./_q.ts";
export { QuerySet } from "./_query_set.ts";
export { Related } from "./_related.ts";
export type { ColumnSpec, ConstraintState, IndexState } from "./_schema.ts";
export { identifier, Sql, sql } from "./_sql.ts";
export type { AnyFields, Changes, Input, PkValue, Row, Updates, ValueOf } from "./_types.ts";

declare module "../../core/mod.ts" {
  interface App {
    /** The database of the model plugin. */
    readonly db: Database;
  }
  interface Context {
    /** The database of the model plugin. */
    readonly db: Database;
  }
}
