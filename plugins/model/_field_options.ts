import type { Field } from "./_field.ts";

/**
 * A custom check: returns a message when `value` is invalid.
 *
 * @example A custom check
 * ```ts
 * import { field, type Validator } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const even: Validator<number> = (n) => n % 2 === 0 ? undefined : "Enter an even number";
 * const count = field.integer({ validators: [even] });
 * assert.deepEqual(count.validate(3), ["Enter an even number"]);
 * ```
 */
export type Validator<T> = (value: T) => string | undefined | void;

/**
 * Options shared by every field.
 *
 * @example Options shared by every field
 * ```ts
 * import { field, type FieldOptions } from "@plinth/plinth/model";
 *
 * const options: FieldOptions<string> = { null: true, unique: true, column: "email_address" };
 * const email = field.email(options);
 * ```
 */
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

/**
 * The field a `field.*` builder returns for values of type `T` declared with options `O`. It
 * is nullable with `null: true`; it may be omitted on create when it is nullable, has a
 * `default` or is filled automatically (`auto: true`, `autoNow`); it is the primary key with
 * `primaryKey: true`.
 *
 * @example The type of a nullable text field
 * ```ts
 * import { type Field, field, type FieldFor } from "@plinth/plinth/model";
 *
 * const bio: FieldFor<string, { null: true }> = field.text({ null: true });
 * const same: Field<string, true, true, false> = bio;
 * ```
 */
export type FieldFor<T, O> = Field<
  T,
  O extends { null: true } ? true : false,
  O extends { null: true } | { default: unknown } | { auto: true } | { autoNow: string } ? true
    : false,
  O extends { primaryKey: true } ? true : false
>;

/**
 * UUID options.
 *
 * @example A random UUID for each new row
 * ```ts
 * import { field, type UuidOptions } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const options: UuidOptions = { auto: true, unique: true };
 * assert.match(String(field.uuid(options).defaultValue()), /^[0-9a-f-]{36}$/);
 * ```
 */
export interface UuidOptions extends FieldOptions<string> {
  /** Fill new rows with a random UUID. */
  readonly auto?: boolean;
}

/**
 * Text options.
 *
 * @example A bounded text field
 * ```ts
 * import { field, type TextOptions } from "@plinth/plinth/model";
 *
 * const options: TextOptions = { maxLength: 200 };
 * const title = field.text(options);
 * ```
 */
export interface TextOptions<T = string> extends FieldOptions<T> {
  /** The maximum length in characters. */
  readonly maxLength?: number;
}

/**
 * Decimal options: digits in all and after the point.
 *
 * @example Money with two decimals
 * ```ts
 * import { type DecimalOptions, field } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const options: DecimalOptions = { maxDigits: 10, decimalPlaces: 2 };
 * assert.deepEqual(field.decimal(options).validate("12.345"), ["Ensure at most 2 decimal places"]);
 * ```
 */
export interface DecimalOptions extends FieldOptions<string> {
  /** Total significant digits. */
  readonly maxDigits: number;
  /** Digits after the decimal point. */
  readonly decimalPlaces: number;
}

/**
 * Timestamp options.
 *
 * @example Creation time
 * ```ts
 * import { field, type TimestampOptions } from "@plinth/plinth/model";
 *
 * const options: TimestampOptions = { autoNow: "create" };
 * const createdAt = field.timestamp(options);
 * ```
 */
export interface TimestampOptions extends FieldOptions<Date> {
  /** Set to now on create only, or on every save. */
  readonly autoNow?: "create" | "update";
}
