import { quote } from "./_sql.ts";

/** A custom check: returns a message when `value` is invalid. */
export type Validator<T> = (value: T) => string | undefined | void;

/** How deleting a referenced row affects rows pointing at it. */
export type OnDelete = "cascade" | "setNull" | "protect" | "restrict";

/** Options shared by every field. */
export interface FieldOptions<T> {
  /** Whether the column accepts `null`. Defaults to `false`. */
  readonly null?: boolean;
  /** A default, or a function called for each new row. */
  readonly default?: T | (() => T);
  /** Whether values must be unique (a unique constraint). */
  readonly unique?: boolean;
  /** Whether to index the column. */
  readonly index?: boolean;
  /** The only accepted values. */
  readonly choices?: readonly T[];
  /** Extra checks run by validation. */
  readonly validators?: readonly Validator<T>[];
  /** The column's name in the database; defaults to the field's name in snake_case. */
  readonly column?: string;
  /**
   * Sensitive data such as password hashes: refused in lookups other than an exact match on
   * the model's own field, in orderings, in `values()` and across relations.
   */
  readonly private?: boolean;
  /** Whether this is the primary key (instead of the automatic `id`). */
  readonly primaryKey?: boolean;
}

/** What a field knows about the column type and value conversion. Internal. */
export interface FieldType<T> {
  readonly kind: string;
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

/** A reference to another model, resolved lazily so models may point at each other. */
export type ModelRef<M> = M | (() => M) | "self";

/** Relation details of a foreign key, one-to-one or many-to-many field. Internal. */
export interface RelationSpec {
  readonly type: "foreignKey" | "oneToOne" | "manyToMany";
  readonly to: ModelRef<unknown>;
  readonly onDelete: OnDelete;
  readonly relatedName: string | undefined;
  readonly through: ModelRef<unknown> | undefined;
}

/**
 * A model field: its column type, options and conversions. Made by the `field.*` builders; the
 * type parameters carry the value type, nullability and whether a value may be omitted on
 * create.
 */
export class Field<T = unknown, N extends boolean = boolean, O extends boolean = boolean> {
  declare readonly __value: T;
  declare readonly __null: N;
  declare readonly __optional: O;
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

/** Any field. */
// deno-lint-ignore no-explicit-any
export type AnyField = Field<any, boolean, boolean>;

/** The declared fields of a model, by name. */
export type Fields = Record<string, AnyField>;
