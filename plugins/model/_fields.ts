import { Field, type FieldOptions, type FieldType, type ModelRef, type OnDelete } from "./_field.ts";
import { parseInterval } from "./_interval.ts";

/** A model as seen by relation fields: its row and primary-key types. */
export interface ModelLike {
  /** The row type (type-level only). */
  readonly __row: unknown;
  /** The primary key's type (type-level only). */
  readonly __pk: unknown;
}

type Empty = Record<never, never>;
type NullOf<O> = O extends { null: true } ? true : false;
type OptionalOf<O> = O extends { null: true } | { default: unknown } ? true : false;
type Made<T, O> = Field<T, NullOf<O>, OptionalOf<O>>;
type PkOf<M> = M extends ModelLike ? M["__pk"] : never;
type Target<R> = R extends () => infer M ? M : R;

/** A foreign key or one-to-one field pointing at model `M`. */
export class RelationField<M, N extends boolean, O extends boolean> extends Field<PkOf<M>, N, O> {
  declare readonly __target: M;
}

/** A many-to-many field to model `M`: no column; rows are linked through a join table. */
export class ManyToManyField<M> extends Field<never, true, true> {
  declare readonly __target: M;
}

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
  isString(v) ?? (max !== undefined && (v as string).length > max
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

/** Text options. */
export interface TextOptions<T = string> extends FieldOptions<T> {
  /** The maximum length in characters. */
  readonly maxLength?: number;
}

/** Decimal options: digits in all and after the point. */
export interface DecimalOptions extends FieldOptions<string> {
  /** Total significant digits. */
  readonly maxDigits: number;
  /** Digits after the decimal point. */
  readonly decimalPlaces: number;
}

/** Timestamp options. */
export interface TimestampOptions extends FieldOptions<Date> {
  /** Set to now on create only, or on every save. */
  readonly autoNow?: "create" | "update";
}

/** Relation options. */
export interface ForeignKeyOptions extends FieldOptions<never> {
  /** What happens to this row when the referenced row is deleted. */
  readonly onDelete: OnDelete;
  /** The reverse accessor's name on the other model; defaults to `<model>Set`. */
  readonly relatedName?: string;
}

/** Many-to-many options. */
export interface ManyToManyOptions {
  /** An explicit join model with foreign keys to both sides; by default one is made. */
  readonly through?: ModelRef<unknown>;
  /** The reverse accessor's name on the other model; defaults to `<model>Set`. */
  readonly relatedName?: string;
}

/**
 * Field builders for {@linkcode defineModel}. Each returns a field typed by its options:
 * `field.text({ null: true })` holds `string | null`, and a field with a `default` or `null`
 * may be omitted on create.
 */
export const field = {
  /** An auto-incrementing integer primary key (the default `id`). */
  auto(): Field<number, false, true> {
    return new Field(kind("auto", "integer", integerIn(32), { generated: true }), {
      primaryKey: true,
    });
  },
  /** An auto-incrementing 64-bit primary key, read as `bigint`. */
  bigAuto(): Field<bigint, false, true> {
    const check = (v: unknown) => typeof v === "bigint" ? undefined : "Enter a bigint";
    return new Field(kind("bigAuto", "bigint", check, { generated: true, fromDb: BigInt }), {
      primaryKey: true,
    });
  },
  /** A UUID string; `auto: true` fills new rows with a random UUID. */
  uuid<const O extends FieldOptions<string> & { auto?: boolean } = Empty>(
    options?: O,
  ): Field<string, NullOf<O>, O extends { auto: true } ? true : OptionalOf<O>> {
    const { auto, ...rest } = options ?? {};
    const check = matching(UUID, "Enter a valid UUID");
    return new Field(kind("uuid", "uuid", check), auto ? { default: () => crypto.randomUUID(), ...rest } : rest);
  },
  /** Unlimited text, with an optional `maxLength` check. */
  text<const O extends TextOptions = Empty>(options?: O): Made<string, O> {
    return new Field(kind("text", "text", maxLength(options?.maxLength)), options ?? {});
  },
  /** `varchar(maxLength)`. */
  varchar<const O extends TextOptions & { maxLength: number }>(options: O): Made<string, O> {
    const type = kind<string>("varchar", `varchar(${options.maxLength})`, maxLength(options.maxLength));
    return new Field(type, options);
  },
  /** Letters, digits, `-` and `_`; at most 50 characters by default. */
  slug<const O extends TextOptions = Empty>(options?: O): Made<string, O> {
    const max = options?.maxLength ?? 50;
    const check = matching(/^[-\w]+$/, "Enter a valid slug: letters, digits, - and _", max);
    return new Field(kind("slug", `varchar(${max})`, check), { index: true, ...options });
  },
  /** An email address; at most 254 characters. */
  email<const O extends TextOptions = Empty>(options?: O): Made<string, O> {
    const max = options?.maxLength ?? 254;
    const check = matching(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "Enter a valid email address", max);
    return new Field(kind("email", `varchar(${max})`, check), options ?? {});
  },
  /** An http(s) URL; at most 200 characters. */
  url<const O extends TextOptions = Empty>(options?: O): Made<string, O> {
    const max = options?.maxLength ?? 200;
    const check = matching(/^https?:\/\/[^\s/$.?#][^\s]*$/i, "Enter a valid URL", max);
    return new Field(kind("url", `varchar(${max})`, check), options ?? {});
  },
  /** A fixed set of string values (stored as text, checked on validation). */
  choice<const C extends string, const O extends FieldOptions<C> = Empty>(
    choices: readonly C[],
    options?: O,
  ): Made<C, O> {
    return new Field<C>(kind("choice", "text", isString), { choices, ...options });
  },
  /** A 32-bit integer. */
  integer<const O extends FieldOptions<number> = Empty>(options?: O): Made<number, O> {
    return new Field(kind("integer", "integer", integerIn(32)), options ?? {});
  },
  /** A 64-bit integer, read and written as `bigint`. */
  bigint<const O extends FieldOptions<bigint> = Empty>(options?: O): Made<bigint, O> {
    const check = (v: unknown) => typeof v === "bigint" ? undefined : "Enter a bigint";
    return new Field(kind("bigint", "bigint", check, { fromDb: BigInt }), options ?? {});
  },
  /** A double-precision float. */
  float<const O extends FieldOptions<number> = Empty>(options?: O): Made<number, O> {
    const check = (v: unknown) => typeof v === "number" && !Number.isNaN(v) ? undefined : "Enter a number";
    return new Field(kind("float", "double precision", check, { fromDb: Number }), options ?? {});
  },
  /** An exact decimal, as a string such as `"12.50"` (no float rounding). */
  decimal<const O extends DecimalOptions>(options: O): Made<string, O> {
    const { maxDigits: p, decimalPlaces: s } = options;
    const check = (v: unknown) => {
      const m = typeof v === "string" ? /^-?(\d+)(?:\.(\d+))?$/.exec(v) : null;
      if (m === null) return "Enter a decimal number as a string, such as \"12.50\"";
      const whole = m[1].replace(/^0+(?=\d)/, "");
      if ((m[2] ?? "").length > s) return `Ensure at most ${s} decimal places`;
      return whole.length > p - s ? `Ensure at most ${p - s} digits before the decimal point` : undefined;
    };
    return new Field(kind("decimal", `numeric(${p},${s})`, check), options);
  },
  /** A boolean. */
  boolean<const O extends FieldOptions<boolean> = Empty>(options?: O): Made<boolean, O> {
    const check = (v: unknown) => typeof v === "boolean" ? undefined : "Enter true or false";
    return new Field(kind("boolean", "boolean", check), options ?? {});
  },
  /** A calendar date as `"YYYY-MM-DD"` (no time zone involved). */
  date<const O extends FieldOptions<string> = Empty>(options?: O): Made<string, O> {
    const check = (v: unknown) =>
      typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))
        ? undefined
        : "Enter a valid date as YYYY-MM-DD";
    const fromDb = (raw: unknown) =>
      raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw).slice(0, 10);
    return new Field(kind("date", "date", check, { fromDb }), options ?? {});
  },
  /** An instant (`timestamptz`), as a `Date`; `autoNow` fills it on create or every save. */
  timestamp<const O extends TimestampOptions = Empty>(
    options?: O,
  ): Field<Date, NullOf<O>, O extends { autoNow: string } ? true : OptionalOf<O>> {
    const check = (v: unknown) =>
      v instanceof Date && !Number.isNaN(v.getTime()) ? undefined : "Enter a valid Date";
    const fromDb = (raw: unknown) => raw instanceof Date ? raw : new Date(String(raw));
    const { autoNow, ...rest } = options ?? {};
    return new Field(kind("timestamp", "timestamptz", check, { fromDb }), rest, { autoNow });
  },
  /** A duration in milliseconds (stored as `interval`). */
  duration<const O extends FieldOptions<number> = Empty>(options?: O): Made<number, O> {
    const check = (v: unknown) => typeof v === "number" && Number.isFinite(v) ? undefined : "Enter milliseconds";
    const toDb = (ms: number) => `${ms} milliseconds`;
    const type = kind("duration", "interval", check, { toDb, fromDb: parseInterval, cast: "text::interval" });
    return new Field(type, options ?? {});
  },
  /** Any JSON value (stored as `jsonb`). */
  json<T = unknown, const O extends FieldOptions<T> = Empty>(options?: O): Made<T, O> {
    const check = (v: unknown) => {
      try {
        return JSON.stringify(v) === undefined ? "Enter a JSON value" : undefined;
      } catch {
        return "Enter a JSON value";
      }
    };
    const type = kind<T>("json", "jsonb", check, { toDb: (v) => JSON.stringify(v), cast: "text::jsonb" });
    return new Field(type, options ?? {});
  },
  /** Binary data as a `Uint8Array` (stored as `bytea`). */
  bytes<const O extends FieldOptions<Uint8Array> = Empty>(options?: O): Made<Uint8Array, O> {
    const check = (v: unknown) => v instanceof Uint8Array ? undefined : "Enter a Uint8Array";
    return new Field(kind("bytes", "bytea", check, { fromDb: bytesOf }), options ?? {});
  },
  /** A foreign key to another model (pass `() => Model` for models defined later, or `"self"`). */
  foreignKey<R, const O extends ForeignKeyOptions>(
    to: R,
    options: O,
  ): RelationField<Target<R>, NullOf<O>, OptionalOf<O>> {
    return relation("foreignKey", to, options);
  },
  /** A unique foreign key: each row of the other model has at most one of these. */
  oneToOne<R, const O extends ForeignKeyOptions>(
    to: R,
    options: O,
  ): RelationField<Target<R>, NullOf<O>, OptionalOf<O>> {
    return relation("oneToOne", to, { unique: true, ...options });
  },
  /** A many-to-many relation through an automatic or explicit join table. */
  manyToMany<R>(to: R, options: ManyToManyOptions = {}): ManyToManyField<Target<R>> {
    const type = kind<never>("manyToMany", "", () => "Set many-to-many links through the related set");
    return new ManyToManyField(type, {}, {
      relation: { type: "manyToMany", to, onDelete: "cascade", relatedName: options.relatedName, through: options.through },
    });
  },
};

function relation<M, N extends boolean, O extends boolean>(
  type: "foreignKey" | "oneToOne",
  to: unknown,
  options: ForeignKeyOptions,
): RelationField<M, N, O> {
  const { onDelete, relatedName, ...rest } = options;
  const spec = { type, to, onDelete, relatedName, through: undefined };
  const fieldType: FieldType<never> = {
    kind: type,
    sqlType: "",
    check: (v) => typeof v === "number" || typeof v === "string" || typeof v === "bigint" ? undefined : "Enter a key",
  };
  return new RelationField(fieldType, { index: true, ...rest }, { relation: spec }) as RelationField<M, N, O>;
}
