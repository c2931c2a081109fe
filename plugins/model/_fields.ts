import { Field, type FieldType, type ModelRef } from "./_field.ts";
import type {
  DecimalOptions,
  FieldFor,
  FieldOptions,
  TextOptions,
  TimestampOptions,
  UuidOptions,
} from "./_field_options.ts";
import {
  type ForeignKeyOptions,
  ManyToManyField,
  type ManyToManyOptions,
  relation,
  type RelationField,
} from "./_relation_fields.ts";
import { parseInterval } from "./_interval.ts";

function kind<T>(
  name: string,
  sqlType: string,
  check: (v: unknown) => string | undefined,
  rest: Partial<FieldType<T>> = {},
): FieldType<T> {
  return { kind: name, sqlType, check, ...rest };
}

const isString = (v: unknown) => typeof v === "string" ? undefined : "Enter a string";
const maxLength = (max: number | undefined) => (v: unknown) =>
  isString(v) ??
    (max !== undefined && (v as string).length > max
      ? `Ensure this value has at most ${max} characters (it has ${(v as string).length})`
      : undefined);
const matching = (re: RegExp, message: string, max?: number) => (v: unknown) =>
  maxLength(max)(v) ?? (re.test(v as string) ? undefined : message);
const integerIn = (bits: number) => (v: unknown) =>
  typeof v === "number" && Number.isInteger(v) && Math.abs(v) < 2 ** (bits - 1)
    ? undefined
    : `Enter a whole number of at most ${bits} bits`;
const bytesOf = (raw: unknown) => {
  const b = raw as Uint8Array;
  return b.constructor === Uint8Array ? b : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Field builders for {@linkcode defineModel}. Each returns a field typed by its options:
 * `field.text({ null: true })` holds `string | null`, and a field with a `default` or `null`
 * may be omitted on create.
 *
 * @example Declaring fields
 * ```ts
 * import { defineModel, field } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const Post = defineModel("Post", {
 *   title: field.text({ maxLength: 200 }),
 *   slug: field.slug({ unique: true }),
 *   price: field.decimal({ maxDigits: 8, decimalPlaces: 2, null: true }),
 *   status: field.choice(["draft", "published"], { default: "draft" }),
 *   createdAt: field.timestamp({ autoNow: "create" }),
 * });
 * assert.deepEqual([...Post.fields.keys()], ["id", "title", "slug", "price", "status", "createdAt"]);
 * assert.equal(Post.fields.get("createdAt")?.column, "created_at");
 * ```
 */
export class FieldFactory {
  /** An auto-incrementing integer primary key (the default `id`). */
  auto(): Field<number, false, true, true> {
    return new Field(kind("auto", "integer", integerIn(32), { generated: true }), {
      primaryKey: true,
    });
  }
  /** An auto-incrementing 64-bit primary key, read as `bigint`. */
  bigAuto(): Field<bigint, false, true, true> {
    const check = (v: unknown) => typeof v === "bigint" ? undefined : "Enter a bigint";
    return new Field(kind("bigAuto", "bigint", check, { generated: true, fromDb: BigInt }), {
      primaryKey: true,
    });
  }
  /** A UUID string; `auto: true` fills new rows with a random UUID. */
  uuid<const O extends UuidOptions = UuidOptions>(options?: O): FieldFor<string, O> {
    const { auto, ...rest } = options ?? {};
    const check = matching(UUID, "Enter a valid UUID");
    return new Field(
      kind("uuid", "uuid", check),
      auto ? { default: () => crypto.randomUUID(), ...rest } : rest,
    );
  }
  /** Unlimited text, with an optional `maxLength` check. */
  text<const O extends TextOptions = TextOptions>(options?: O): FieldFor<string, O> {
    return new Field(kind("text", "text", maxLength(options?.maxLength)), options ?? {});
  }
  /** `varchar(maxLength)`. */
  varchar<const O extends TextOptions & { maxLength: number }>(options: O): FieldFor<string, O> {
    const type = kind<string>(
      "varchar",
      `varchar(${options.maxLength})`,
      maxLength(options.maxLength),
    );
    return new Field(type, options);
  }
  /** Letters, digits, `-` and `_`; at most 50 characters by default. */
  slug<const O extends TextOptions = TextOptions>(options?: O): FieldFor<string, O> {
    const max = options?.maxLength ?? 50;
    const check = matching(/^[-\w]+$/, "Enter a valid slug: letters, digits, - and _", max);
    return new Field(kind("slug", `varchar(${max})`, check), { index: true, ...options });
  }
  /** An email address; at most 254 characters. */
  email<const O extends TextOptions = TextOptions>(options?: O): FieldFor<string, O> {
    const max = options?.maxLength ?? 254;
    const check = matching(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "Enter a valid email address", max);
    return new Field(kind("email", `varchar(${max})`, check), options ?? {});
  }
  /** An http(s) URL; at most 200 characters. */
  url<const O extends TextOptions = TextOptions>(options?: O): FieldFor<string, O> {
    const max = options?.maxLength ?? 200;
    const check = matching(/^https?:\/\/[^\s/$.?#][^\s]*$/i, "Enter a valid URL", max);
    return new Field(kind("url", `varchar(${max})`, check), options ?? {});
  }
  /** A fixed set of string values (stored as text, checked on validation). */
  choice<const C extends string, const O extends FieldOptions<C> = FieldOptions<C>>(
    choices: readonly C[],
    options?: O,
  ): FieldFor<C, O> {
    return new Field<C>(kind("choice", "text", isString), { choices, ...options }) as FieldFor<
      C,
      O
    >;
  }
  /** A 32-bit integer. */
  integer<const O extends FieldOptions<number> = FieldOptions<number>>(
    options?: O,
  ): FieldFor<number, O> {
    return new Field(kind("integer", "integer", integerIn(32)), options ?? {});
  }
  /** A 64-bit integer, read and written as `bigint`. */
  bigint<const O extends FieldOptions<bigint> = FieldOptions<bigint>>(
    options?: O,
  ): FieldFor<bigint, O> {
    const check = (v: unknown) => typeof v === "bigint" ? undefined : "Enter a bigint";
    return new Field(kind("bigint", "bigint", check, { fromDb: BigInt }), options ?? {});
  }
  /** A double-precision float. */
  float<const O extends FieldOptions<number> = FieldOptions<number>>(
    options?: O,
  ): FieldFor<number, O> {
    const check = (v: unknown) =>
      typeof v === "number" && !Number.isNaN(v) ? undefined : "Enter a number";
    return new Field(kind("float", "double precision", check, { fromDb: Number }), options ?? {});
  }
  /** An exact decimal, as a string such as `"12.50"` (no float rounding). */
  decimal<const O extends DecimalOptions>(options: O): FieldFor<string, O> {
    const { maxDigits: p, decimalPlaces: s } = options;
    const check = (v: unknown) => {
      const m = typeof v === "string" ? /^-?(\d+)(?:\.(\d+))?$/.exec(v) : null;
      if (m === null) return 'Enter a decimal number as a string, such as "12.50"';
      const whole = m[1].replace(/^0+(?=\d)/, "");
      if ((m[2] ?? "").length > s) return `Ensure at most ${s} decimal places`;
      return whole.length > p - s
        ? `Ensure at most ${p - s} digits before the decimal point`
        : undefined;
    };
    return new Field(kind("decimal", `numeric(${p},${s})`, check), options);
  }
  /** A boolean. */
  boolean<const O extends FieldOptions<boolean> = FieldOptions<boolean>>(
    options?: O,
  ): FieldFor<boolean, O> {
    const check = (v: unknown) => typeof v === "boolean" ? undefined : "Enter true or false";
    return new Field(kind("boolean", "boolean", check), options ?? {});
  }
  /** A calendar date as `"YYYY-MM-DD"` (no time zone involved). */
  date<const O extends FieldOptions<string> = FieldOptions<string>>(
    options?: O,
  ): FieldFor<string, O> {
    const check = (v: unknown) =>
      typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))
        ? undefined
        : "Enter a valid date as YYYY-MM-DD";
    const fromDb = (raw: unknown) =>
      raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw).slice(0, 10);
    return new Field(kind("date", "date", check, { fromDb }), options ?? {});
  }
  /** An instant (`timestamptz`), as a `Date`; `autoNow` fills it on create or every save. */
  timestamp<const O extends TimestampOptions = TimestampOptions>(options?: O): FieldFor<Date, O> {
    const check = (v: unknown) =>
      v instanceof Date && !Number.isNaN(v.getTime()) ? undefined : "Enter a valid Date";
    const fromDb = (raw: unknown) => raw instanceof Date ? raw : new Date(String(raw));
    const { autoNow, ...rest } = options ?? {};
    return new Field(kind("timestamp", "timestamptz", check, { fromDb }), rest, { autoNow });
  }
  /** A duration in milliseconds (stored as `interval`). */
  duration<const O extends FieldOptions<number> = FieldOptions<number>>(
    options?: O,
  ): FieldFor<number, O> {
    const check = (v: unknown) =>
      typeof v === "number" && Number.isFinite(v) ? undefined : "Enter milliseconds";
    const toDb = (ms: number) => `${ms} milliseconds`;
    const type = kind("duration", "interval", check, {
      toDb,
      fromDb: parseInterval,
      cast: "text::interval",
    });
    return new Field(type, options ?? {});
  }
  /** Any JSON value (stored as `jsonb`); read back as `unknown`, to be narrowed by the caller. */
  json<const O extends FieldOptions<unknown> = FieldOptions<unknown>>(
    options?: O,
  ): FieldFor<unknown, O> {
    const check = (v: unknown) => {
      try {
        return JSON.stringify(v) === undefined ? "Enter a JSON value" : undefined;
      } catch {
        return "Enter a JSON value";
      }
    };
    const type = kind<unknown>("json", "jsonb", check, {
      toDb: (v) => JSON.stringify(v),
      cast: "text::jsonb",
    });
    return new Field(type, options ?? {});
  }
  /** Binary data as a `Uint8Array` (stored as `bytea`). */
  bytes<const O extends FieldOptions<Uint8Array> = FieldOptions<Uint8Array>>(
    options?: O,
  ): FieldFor<Uint8Array, O> {
    const check = (v: unknown) => v instanceof Uint8Array ? undefined : "Enter a Uint8Array";
    return new Field(kind("bytes", "bytea", check, { fromDb: bytesOf }), options ?? {});
  }
  /**
   * A foreign key to another model: pass `() => Model` for a model defined later, or `"self"`
   * (whose key is typed `unknown`, as a model cannot name its own type while it is defined).
   */
  foreignKey<M, const O extends ForeignKeyOptions>(
    to: ModelRef<M>,
    options: O,
  ): RelationField<M, O extends { null: true } ? true : false> {
    return relation("foreignKey", to, options);
  }
  /** A unique foreign key: each row of the other model has at most one of these. */
  oneToOne<M, const O extends ForeignKeyOptions>(
    to: ModelRef<M>,
    options: O,
  ): RelationField<M, O extends { null: true } ? true : false> {
    return relation("oneToOne", to, { unique: true, ...options });
  }
  /** A many-to-many relation through an automatic or explicit join table. */
  manyToMany<M>(to: ModelRef<M>, options: ManyToManyOptions = {}): ManyToManyField<M> {
    const type = kind<unknown>(
      "manyToMany",
      "",
      () => "Set many-to-many links through the related set",
    );
    return new ManyToManyField(type, {}, {
      relation: {
        type: "manyToMany",
        to,
        onDelete: "cascade",
        relatedName: options.relatedName,
        through: options.through,
      },
    });
  }
}

/**
 * The field builders, such as `field.text()`; see {@linkcode FieldFactory}.
 *
 * @example A nullable field may be omitted
 * ```ts
 * import { field } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const views = field.integer({ null: true });
 * assert.equal(views.nullable, true);
 * assert.deepEqual(views.validate(null), []);
 * ```
 */
export const field: FieldFactory = new FieldFactory();
