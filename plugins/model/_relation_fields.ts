import { Field, type FieldType, type ModelRef, type OnDelete } from "./_field.ts";
import type { FieldOptions } from "./_field_options.ts";

/**
 * A model as seen by relation fields: its row and primary-key types.
 *
 * @example Any model is model-like
 * ```ts
 * import { defineModel, field, type ModelLike } from "@plinth/plinth/model";
 *
 * const like: ModelLike = defineModel("Note", { text: field.text() });
 * ```
 */
export interface ModelLike {
  /** The row type (type-level only). */
  readonly __row: unknown;
  /** The primary key's type (type-level only). */
  readonly __pk: unknown;
}

/**
 * A foreign key or one-to-one field pointing at model `M`; `N` tells whether it is nullable
 * (and so may be omitted on create).
 *
 * @example A foreign key is a relation field
 * ```ts
 * import { defineModel, field, RelationField } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const User = defineModel("User", { name: field.text() });
 * assert.ok(field.foreignKey(User, { onDelete: "cascade" }) instanceof RelationField);
 * ```
 */
export class RelationField<M, N extends boolean>
  extends Field<M extends ModelLike ? M["__pk"] : unknown, N, N, false> {
  /** Type-level only: the model pointed at. */
  declare readonly __target: M;
  /** Type-level only: tells single from many-valued relations. */
  declare readonly __relation: "single";
}

/**
 * A many-to-many field to model `M`: no column; rows are linked through a join table.
 *
 * @example A many-to-many field has no column
 * ```ts
 * import { defineModel, field, ManyToManyField } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const Tag = defineModel("Tag", { name: field.text() });
 * const tags = field.manyToMany(Tag);
 * assert.ok(tags instanceof ManyToManyField);
 * assert.equal(tags.concrete, false);
 * ```
 */
export class ManyToManyField<M> extends Field<unknown, true, true, false> {
  /** Type-level only: the model pointed at. */
  declare readonly __target: M;
  /** Type-level only: tells single from many-valued relations. */
  declare readonly __relation: "many";
}

/**
 * Relation options.
 *
 * @example A nullable foreign key
 * ```ts
 * import type { ForeignKeyOptions } from "@plinth/plinth/model";
 *
 * const options: ForeignKeyOptions = { onDelete: "setNull", null: true, relatedName: "edited" };
 * ```
 */
export interface ForeignKeyOptions extends FieldOptions<never> {
  /** What happens to this row when the referenced row is deleted. */
  readonly onDelete: OnDelete;
  /** The reverse accessor's name on the other model; defaults to `<model>Set`. */
  readonly relatedName?: string;
}

/**
 * Many-to-many options.
 *
 * @example A reverse name for a many-to-many field
 * ```ts
 * import type { ManyToManyOptions } from "@plinth/plinth/model";
 *
 * const options: ManyToManyOptions = { relatedName: "posts" };
 * ```
 */
export interface ManyToManyOptions {
  /** An explicit join model with foreign keys to both sides; by default one is made. */
  readonly through?: ModelRef<unknown>;
  /** The reverse accessor's name on the other model; defaults to `<model>Set`. */
  readonly relatedName?: string;
}

/** Builds a foreign key or one-to-one field. */
export function relation<M, N extends boolean>(
  type: "foreignKey" | "oneToOne",
  to: unknown,
  options: ForeignKeyOptions,
): RelationField<M, N> {
  const { onDelete, relatedName, ...rest } = options;
  const spec = { type, to, onDelete, relatedName, through: undefined };
  const fieldType: FieldType<never> = {
    kind: type,
    sqlType: "",
    check: (v) =>
      typeof v === "number" || typeof v === "string" || typeof v === "bigint"
        ? undefined
        : "Enter a key",
  };
  return new RelationField(fieldType, { index: true, ...rest } as never, {
    relation: spec,
  }) as RelationField<M, N>;
}
