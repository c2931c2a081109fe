import type { AnyField } from "./_field.ts";
import type { Model } from "./_model.ts";

/**
 * An index declared in a model's options.
 *
 * @example A composite index
 * ```ts
 * import type { IndexSpec } from "@plinth/plinth/model";
 *
 * const index: IndexSpec = { fields: ["-createdAt", "title"] };
 * ```
 */
export interface IndexSpec {
  /** Field names, each optionally prefixed with `-` for descending order. */
  readonly fields: readonly string[];
  /** Whether the index is unique. */
  readonly unique?: boolean;
  /** The index name; derived from the table and fields by default. */
  readonly name?: string;
}

/**
 * A table constraint: unique over several fields, or a developer-written CHECK expression.
 *
 * @example Unique and check constraints
 * ```ts
 * import type { ConstraintSpec } from "@plinth/plinth/model";
 *
 * const constraints: ConstraintSpec[] = [
 *   { name: "post_slug_per_author", unique: ["author", "slug"] },
 *   { name: "post_score_positive", check: "score >= 0" },
 * ];
 * ```
 */
export type ConstraintSpec =
  | { readonly name: string; readonly unique: readonly string[] }
  | { readonly name: string; readonly check: string };

/**
 * Options of {@linkcode defineModel}.
 *
 * @example Table options
 * ```ts
 * import { defineModel, field, type ModelOptions } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const options: ModelOptions = { table: "blog_post", ordering: ["-createdAt"] };
 * const Post = defineModel("Post", { createdAt: field.timestamp({ autoNow: "create" }) }, options);
 * assert.equal(Post.table, "blog_post");
 * ```
 */
export interface ModelOptions {
  /** The table name; defaults to the model name in snake_case. */
  readonly table?: string;
  /** The default ordering, such as `["-createdAt", "title"]`. */
  readonly ordering?: readonly string[];
  /** Extra indexes. */
  readonly indexes?: readonly IndexSpec[];
  /** Table constraints. */
  readonly constraints?: readonly ConstraintSpec[];
}

/**
 * A relation seen from the model it points at: `user.posts` for `Post.author`.
 *
 * @example The reverse side of a foreign key
 * ```ts
 * import { connect, defineModel, field } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const User = defineModel("User", { name: field.text() });
 * const Post = defineModel("Post", { author: field.foreignKey(User, { onDelete: "cascade", relatedName: "posts" }) });
 * const db = await connect("memory://");
 * db.register([User, Post]);
 * assert.equal(User.reverse.get("posts")?.model, Post);
 * await db.close();
 * ```
 */
export interface ReverseRelation {
  /** The accessor name. */
  readonly name: string;
  /** The model holding the relation field. */
  readonly model: Model;
  /** The relation field on that model. */
  readonly field: AnyField;
}

/**
 * Options of {@linkcode Model.validate}.
 *
 * @example Validating an update
 * ```ts
 * import { defineModel, field, type ValidateOptions } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const Post = defineModel("Post", { title: field.text(), body: field.text() });
 * const options: ValidateOptions = { partial: true };
 * assert.deepEqual(Post.validate({ title: "New" }, options), { title: "New" });
 * ```
 */
export interface ValidateOptions {
  /** Check only the given keys, as for an update. */
  readonly partial?: boolean;
}
