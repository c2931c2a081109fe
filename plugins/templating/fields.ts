/** The outcome of parsing one submitted value. */
export type FieldResult<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * One form field: how it renders (kind, label, HTML validation attributes, choices) and how a
 * submitted value is parsed into `T`. Made by the factories of {@linkcode field}.
 *
 * @example A field's parser
 * ```ts
 * import { field } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * const age = field.integer({ min: 0 });
 * assert.deepEqual(age.parse("42"), { ok: true, value: 42 });
 * assert.equal(age.parse("4.2").ok, false);
 * ```
 */
export interface FieldSpec<T> {
  /** Chooses the input: `<input type>`, a checkbox, a `<select>` or a `<textarea>`. */
  readonly kind:
    | "text"
    | "password"
    | "email"
    | "url"
    | "integer"
    | "number"
    | "boolean"
    | "choice";
  /** Whether an empty value is an error (for a checkbox: whether it must be ticked). */
  readonly required: boolean;
  /** The label; by default the field's name, humanised (`first_name`: "First name"). */
  readonly label?: string;
  /** A `<textarea>` rather than an `<input>` (text fields). */
  readonly multiline?: boolean;
  /** The choices of a `choice` field: value and label. */
  readonly choices?: readonly (readonly [value: string, label: string])[];
  /** HTML validation attributes mirroring the server's rules, such as `maxlength`. */
  readonly attributes: Readonly<Record<string, string | number>>;
  /**
   * Parses a non-empty submitted value (emptiness is handled by the form).
   *
   * @param raw The submitted text, trimmed unless the field is a password.
   * @returns The value, or the message to show.
   */
  parse(raw: string): FieldResult<T>;
}

/** What every field factory takes. */
export interface FieldOptions {
  /** Whether a value must be given; `true` by default (`false` for checkboxes). */
  required?: boolean;
  /** The label; defaults to the humanised field name. */
  label?: string;
}

/** Options of text-like fields. */
export interface TextOptions extends FieldOptions {
  /** The fewest characters accepted. */
  minLength?: number;
  /** The most characters accepted. */
  maxLength?: number;
}

/** Options of numeric fields. */
export interface NumberOptions extends FieldOptions {
  /** The smallest value accepted. */
  min?: number;
  /** The largest value accepted. */
  max?: number;
}

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = (error: string): FieldResult<never> => ({ ok: false, error });
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function lengths(options: TextOptions, parse: (raw: string) => FieldResult<string>) {
  return (raw: string): FieldResult<string> => {
    const length = [...raw].length;
    if (options.minLength !== undefined && length < options.minLength) {
      return fail(
        `Ensure this value has at least ${options.minLength} characters (it has ${length}).`,
      );
    }
    if (options.maxLength !== undefined && length > options.maxLength) {
      return fail(
        `Ensure this value has at most ${options.maxLength} characters (it has ${length}).`,
      );
    }
    return parse(raw);
  };
}

function textAttributes(options: TextOptions): Record<string, number> {
  const attributes: Record<string, number> = {};
  if (options.minLength !== undefined) attributes.minlength = options.minLength;
  if (options.maxLength !== undefined) attributes.maxlength = options.maxLength;
  return attributes;
}

function numeric(kind: "integer" | "number", options: NumberOptions): FieldSpec<number> {
  const attributes: Record<string, string | number> = kind === "integer" ? { step: 1 } : {
    step: "any",
  };
  if (options.min !== undefined) attributes.min = options.min;
  if (options.max !== undefined) attributes.max = options.max;
  return {
    kind,
    required: options.required ?? true,
    label: options.label,
    attributes,
    parse(raw) {
      const pattern = kind === "integer" ? /^[+-]?\d+$/ : /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
      const value = Number(raw);
      if (!pattern.test(raw) || !Number.isFinite(value)) {
        return fail(kind === "integer" ? "Enter a whole number." : "Enter a number.");
      }
      if (kind === "integer" && !Number.isSafeInteger(value)) {
        return fail("Enter a smaller number.");
      }
      if (options.min !== undefined && value < options.min) {
        return fail(`Ensure this value is greater than or equal to ${options.min}.`);
      }
      if (options.max !== undefined && value > options.max) {
        return fail(`Ensure this value is less than or equal to ${options.max}.`);
      }
      return ok(value);
    },
  };
}

/** The factories of {@linkcode field}. */
export interface FieldFactories {
  /** Text: a string, `<input type="text">` or, with `multiline`, a `<textarea>`. */
  text<O extends TextOptions & { multiline?: boolean }>(
    options?: O,
  ): FieldSpec<O extends { required: false } ? string | undefined : string>;
  /** A password: never shown again after a failed submission, never trimmed. */
  password<O extends TextOptions>(
    options?: O,
  ): FieldSpec<O extends { required: false } ? string | undefined : string>;
  /** An email address. */
  email<O extends TextOptions>(
    options?: O,
  ): FieldSpec<O extends { required: false } ? string | undefined : string>;
  /** An absolute `http:` or `https:` URL (never `javascript:` or `data:`). */
  url<O extends TextOptions>(
    options?: O,
  ): FieldSpec<O extends { required: false } ? string | undefined : string>;
  /** A whole number. */
  integer<O extends NumberOptions>(
    options?: O,
  ): FieldSpec<O extends { required: false } ? number | undefined : number>;
  /** A number. */
  number<O extends NumberOptions>(
    options?: O,
  ): FieldSpec<O extends { required: false } ? number | undefined : number>;
  /** A checkbox: `true` when ticked; with `required: true` it must be ticked. */
  boolean(options?: FieldOptions): FieldSpec<boolean>;
  /** One of `choices` (values, or value-to-label pairs), as a `<select>`. */
  choice<const C extends string, O extends FieldOptions>(
    choices: readonly C[] | Readonly<Record<C, string>>,
    options?: O,
  ): FieldSpec<O extends { required: false } ? C | undefined : C>;
}

/**
 * Field factories for {@linkcode defineForm}: plain validators with Django's messages, each
 * mirrored by HTML validation attributes.
 *
 * @example The fields of a sign-up form
 * ```ts
 * import { field } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * const fields = {
 *   name: field.text({ maxLength: 40 }),
 *   email: field.email(),
 *   website: field.url({ required: false }),
 *   age: field.integer({ min: 13, required: false }),
 *   plan: field.choice(["free", "pro"]),
 *   terms: field.boolean({ required: true }),
 * };
 * assert.equal(fields.website.parse("javascript:alert(1)").ok, false);
 * assert.deepEqual(fields.plan.parse("pro"), { ok: true, value: "pro" });
 * ```
 */
export const field: FieldFactories = {
  text(given) {
    const options: TextOptions & { multiline?: boolean } = given ?? {};
    return {
      kind: "text",
      required: options.required ?? true,
      label: options.label,
      multiline: options.multiline ?? false,
      attributes: textAttributes(options),
      parse: lengths(options, ok),
    } as FieldSpec<never>;
  },
  password(given) {
    const options: TextOptions = given ?? {};
    return {
      kind: "password",
      required: options.required ?? true,
      label: options.label,
      attributes: textAttributes(options),
      parse: lengths(options, ok),
    } as FieldSpec<never>;
  },
  email(given) {
    const options: TextOptions = given ?? {};
    return {
      kind: "email",
      required: options.required ?? true,
      label: options.label,
      attributes: textAttributes(options),
      parse: lengths(
        options,
        (raw) => EMAIL.test(raw) ? ok(raw) : fail("Enter a valid email address."),
      ),
    } as FieldSpec<never>;
  },
  url(given) {
    const options: TextOptions = given ?? {};
    return {
      kind: "url",
      required: options.required ?? true,
      label: options.label,
      attributes: textAttributes(options),
      parse: lengths(options, (raw) => {
        const parsed = URL.canParse(raw) ? new URL(raw) : undefined;
        const web = parsed !== undefined && /^https?:$/.test(parsed.protocol) && parsed.host !== "";
        return web ? ok(raw) : fail("Enter a valid URL.");
      }),
    } as FieldSpec<never>;
  },
  integer(options) {
    return numeric("integer", options ?? {}) as FieldSpec<never>;
  },
  number(options) {
    return numeric("number", options ?? {}) as FieldSpec<never>;
  },
  boolean(options = {}) {
    return {
      kind: "boolean",
      required: options.required ?? false,
      label: options.label,
      attributes: {},
      parse: (raw) => ok(raw !== "false" && raw !== "0" && raw !== "off"),
    };
  },
  choice(choices, given) {
    const options: FieldOptions = given ?? {};
    const pairs: [string, string][] = Array.isArray(choices)
      ? choices.map((value) => [value, value])
      : Object.entries(choices as Record<string, string>);
    const values = new Set(pairs.map(([value]) => value));
    return {
      kind: "choice",
      required: options.required ?? true,
      label: options.label,
      choices: pairs,
      attributes: {},
      parse: (raw) =>
        values.has(raw)
          ? ok(raw)
          : fail(`Select a valid choice. ${raw} is not one of the available choices.`),
    } as FieldSpec<never>;
  },
};
