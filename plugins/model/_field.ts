import type { FieldOptions } from "./_field_options.ts";
import { quote } from "./_sql.ts";

/**
 * How deleting a referenced row affects rows pointing at it.
 *
 * @example Choosing what a delete does
 * ```ts
 * import type { OnDelete } from "@plinth/plinth/model";
 *
 * const rule: OnDelete = "setNull";
 * ```
 */
export type OnDelete = "cascade" | "setNull" | "protect" | "restrict";

/**
 * What a field knows about the column type and value conversion. Internal.
 *
 * @example Inspecting a field's type
 * ```ts
 * import { field, type FieldType } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const type: FieldType<string> = field.varchar({ maxLength: 20 }).type;
 * assert.equal(type.sqlType, "varchar(20)");
 * ```
 */
export interface FieldType<T> {
  /** The field type's name. */
  readonly kind: string;
  /** The column type. */
  readonly sqlType: string;
  /** A type check returning a message, or undefined when `value` is acceptable. */
  check(value: unknown): string | undefined;
  /** JS value to bind parameter. */
  toDb?(value: T): unknown;
  /** Raw driver value to JS value (never called with null). */
  fromDb?(raw: unknown): T;
  /** Placeholder with a cast, for types whose parameters the drivers would mangle. */
  cast?: string;
  /** Generated identity columns, auto timestamps. */
  readonly generated?: boolean;
}

/**
 * A reference to another model, resolved lazily so models may point at each other.
 *
 * @example A relation to a model defined later
 * ```ts
 * import type { ModelRef } from "@plinth/plinth/model";
 *
 * const self: ModelRef<unknown> = "self";
 * ```
 */
export type ModelRef<M> = M | (() => M) | "self";

/**
 * Relation details of a foreign key, one-to-one or many-to-many field. Internal.
 *
 * @example Reading a relation
 * ```ts
 * import { defineModel, field } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const User = defineModel("User", { name: field.text() });
 * const author = field.foreignKey(User, { onDelete: "cascade", relatedName: "posts" });
 * assert.equal(author.relation?.relatedName, "posts");
 * ```
 */
export interface RelationSpec {
  /** The relation kind. */
  readonly type: "foreignKey" | "oneToOne" | "manyToMany";
  /** The model pointed at. */
  readonly to: ModelRef<unknown>;
  /** What deleting the pointed-at row does. */
  readonly onDelete: OnDelete;
  /** The reverse accessor's name, if set. */
  readonly relatedName: string | undefined;
  /** The explicit join model of a many-to-many relation. */
  readonly through: ModelRef<unknown> | undefined;
}

/**
 * A model field: its column type, options and conversions. Made by the `field.*` builders; the
 * type parameters carry the value type, nullability and whether a value may be omitted on
 * create.
 *
 * @example Validating a value with a field
 * ```ts
 * import { field } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const title = field.text({ maxLength: 5 });
 * assert.deepEqual(title.validate("too long"), ["Ensure this value has at most 5 characters (it has 8)"]);
 * assert.deepEqual(title.validate(null), ["This field cannot be null"]);
 * ```
 */
export class Field<
  T = unknown,
  N extends boolean = boolean,
  O extends boolean = boolean,
  P extends boolean = boolean,
> {
  /** Type-level only: the value type. */
  declare readonly __value: T;
  /** Type-level only: whether the field is nullable. */
  declare readonly __null: N;
  /** Type-level only: whether the field may be omitted on create. */
  declare readonly __optional: O;
  /** Type-level only: whether the field is the primary key. */
  declare readonly __pk: P;
  /** The field type: `"text"`, `"integer"`, `"foreignKey"`... */
  readonly kind: string;
  /** The options it was declared with. */
  readonly options: FieldOptions<T>;
  /** The relation, for foreign keys, one-to-one and many-to-many fields. */
  readonly relation: RelationSpec | undefined;
  /** Internal type behaviour. */
  readonly type: FieldType<T>;
  /** The field's name in its model; set by `defineModel`. */
  name = "";
  /** The column name; set by `defineModel`. */
  column = "";
  /** The key of its value in rows: the name, or `<name>Id` for relations; set by `defineModel`. */
  key = "";
  /** Extra options for auto timestamps. */
  readonly autoNow: "create" | "update" | undefined;

  /** Use the `field.*` builders. */
  constructor(
    type: FieldType<T>,
    options: FieldOptions<T>,
    extra: { relation?: RelationSpec; autoNow?: "create" | "update" } = {},
  ) {
    this.kind = type.kind;
    this.type = type;
    this.options = options;
    this.relation = extra.relation;
    this.autoNow = extra.autoNow;
  }

  /** Whether the column is nullable. */
  get nullable(): boolean {
    return this.options.null === true;
  }

  /** Whether the field is a column (every field but many-to-many). */
  get concrete(): boolean {
    return this.relation?.type !== "manyToMany";
  }

  /** Whether the field is marked private. */
  get private(): boolean {
    return this.options.private === true;
  }

  /** The quoted column name. */
  get quoted(): string {
    return quote(this.column);
  }

  /** The value to insert when none was given, or `undefined` for none. */
  defaultValue(): T | undefined {
    if (this.autoNow !== undefined) return new Date() as T;
    const d = this.options.default;
    return typeof d === "function" ? (d as () => T)() : d;
  }

  /** The bind parameter for `value`. */
  toDb(value: T | null): unknown {
    if (value === null || value === undefined) return null;
    return this.type.toDb ? this.type.toDb(value) : value;
  }

  /** The JS value of a raw driver value. */
  fromDb(raw: unknown): T | null {
    if (raw === null || raw === undefined) return null;
    return this.type.fromDb ? this.type.fromDb(raw) : raw as T;
  }

  /** The placeholder for a parameter, with a cast when the type needs one. */
  placeholder(param: string): string {
    return this.type.cast ? `${param}::${this.type.cast}` : param;
  }

  /** The messages for `value`: null, type, length, choices and custom validators. */
  validate(value: unknown): string[] {
    if (value === null || value === undefined) {
      return this.nullable || this.type.generated ? [] : ["This field cannot be null"];
    }
    const typeError = this.type.check(value);
    if (typeError !== undefined) return [typeError];
    const errors: string[] = [];
    const { choices, validators = [] } = this.options;
    if (choices !== undefined && !choices.some((c) => sameValue(c, value))) {
      errors.push(`Value ${JSON.stringify(value)} is not a valid choice`);
    }
    for (const validator of validators) {
      const message = validator(value as T);
      if (typeof message === "string") errors.push(message);
    }
    return errors;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (a instanceof Date && b instanceof Date && a.getTime() === b.getTime());
}

/**
 * Any field.
 *
 * @example A list of fields
 * ```ts
 * import { type AnyField, field } from "@plinth/plinth/model";
 *
 * const fields: AnyField[] = [field.text(), field.integer()];
 * ```
 */
// deno-lint-ignore no-explicit-any
export type AnyField = Field<any, boolean, boolean, boolean>;

/**
 * The declared fields of a model, by name.
 *
 * @example Fields by name
 * ```ts
 * import { field, type Fields } from "@plinth/plinth/model";
 *
 * const fields: Fields = { title: field.text(), views: field.integer({ default: 0 }) };
 * ```
 */
export type Fields = Record<string, AnyField>;
