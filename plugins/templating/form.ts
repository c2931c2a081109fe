import type { Context } from "../../core/mod.ts";
import type { FieldSpec } from "./fields.ts";

/** A form's fields by name. */
export type FormFields = Record<string, FieldSpec<unknown>>;

/** The parsed data of a form: each field's value, typed by its field. */
export type FormValues<F extends FormFields> = {
  [K in keyof F]: F[K] extends FieldSpec<infer T> ? T : never;
};

/** Messages by field name; `__all__` holds the form's own (Django's non-field errors). */
export type FieldErrors<F extends FormFields> = { [K in keyof F]?: string[] } & {
  __all__?: string[];
};

/**
 * What {@linkcode FormDefinition.parse} returns: the typed data, or the messages and the
 * submitted text of each field, to render the form again.
 */
export type ParseResult<F extends FormFields> =
  | { ok: true; data: FormValues<F> }
  | { ok: false; errors: FieldErrors<F>; values: Record<string, string> };

/** Messages a form-level validator returns, by field name (or `__all__`). */
export type ValidationErrors = Record<string, string | readonly string[] | undefined>;

/** Options of {@linkcode defineForm}. */
export interface FormOptions<F extends FormFields> {
  /** The fields; only these are read from a submission (no mass assignment). */
  fields: F;
  /**
   * Validation across fields or against the database, such as a model's, run once every field
   * is valid: return messages by field name (`__all__` for the form), or nothing when valid.
   * Messages for names the form does not declare are shown with the form's own.
   */
  validate?(data: FormValues<F>): ValidationErrors | void | Promise<ValidationErrors | void>;
}

/** A form made by {@linkcode defineForm}. */
export interface FormDefinition<F extends FormFields> {
  /** The fields, for rendering. */
  readonly fields: F;
  /**
   * Reads and validates a submission: the request's form body (its query for GET), or a
   * `FormData` or `URLSearchParams`. Undeclared names are ignored.
   *
   * @throws {HttpError} 415 or 400 when the request body is not a form.
   */
  parse(source: Context | FormData | URLSearchParams): Promise<ParseResult<F>>;
}

const REQUIRED = "This field is required.";

/**
 * Defines a form, Django's `Form`: typed fields with plain validators, and an optional
 * `validate` hook for checks across fields or a model's validation. `parse()` returns
 * `{ ok: true, data }` or `{ ok: false, errors, values }`; render it with `<Form>` and `<Field>`,
 * which keep the values and show the messages.
 *
 * @param options The fields and the optional form-level validator.
 * @returns The form.
 * @throws {TypeError} For a field name that is not a plain identifier.
 *
 * @example Parsing a submission
 * ```ts
 * import { defineForm, field } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * const signUp = defineForm({
 *   fields: { email: field.email(), age: field.integer({ min: 13 }) },
 *   validate: (data) => data.email.endsWith("@example.com") ? { email: "Use your own email" } : undefined,
 * });
 * const good = await signUp.parse(new URLSearchParams({ email: "ann@ann.dev", age: "30", admin: "1" }));
 * assert.deepEqual(good, { ok: true, data: { email: "ann@ann.dev", age: 30 } });
 *
 * const bad = await signUp.parse(new URLSearchParams({ email: "ann", age: "" }));
 * assert.equal(bad.ok, false);
 * if (!bad.ok) {
 *   assert.deepEqual(bad.errors, {
 *     email: ["Enter a valid email address."],
 *     age: ["This field is required."],
 *   });
 *   assert.deepEqual(bad.values, { email: "ann", age: "" });
 * }
 * ```
 */
export function defineForm<F extends FormFields>(options: FormOptions<F>): FormDefinition<F> {
  const fields = options.fields;
  for (const name of Object.keys(fields)) {
    if (!/^[A-Za-z_][\w-]*$/.test(name) || name === "__all__" || name === "__proto__") {
      throw new TypeError(`Cannot define form field "${name}": use letters, digits, "_" and "-"`);
    }
  }
  return {
    fields,
    async parse(source) {
      const submitted = await read(source);
      const values: Record<string, string> = {};
      const data: Record<string, unknown> = {};
      const errors: Record<string, string[]> = {};
      for (const [name, spec] of Object.entries(fields)) {
        const raw = submitted.get(name);
        if (raw !== null && typeof raw !== "string") {
          values[name] = "";
          errors[name] = ["Send text, not a file."];
          continue;
        }
        const text = spec.kind === "password" ? raw ?? "" : (raw ?? "").trim();
        values[name] = spec.kind === "password" ? "" : text;
        if (text === "") {
          if (spec.required) errors[name] = [REQUIRED];
          else data[name] = spec.kind === "boolean" ? false : undefined;
          continue;
        }
        const result = spec.parse(text);
        if (result.ok) data[name] = result.value;
        else errors[name] = [result.error];
      }
      if (Object.keys(errors).length === 0 && options.validate) {
        const found = await options.validate(data as FormValues<F>);
        for (const [name, messages] of Object.entries(found ?? {})) {
          const list = messages === undefined ? [] : typeof messages === "string" ? [messages] : [
            ...messages,
          ];
          if (list.length === 0) continue;
          const key = Object.hasOwn(fields, name) ? name : "__all__";
          const shown = key === name
            ? list
            : list.map((m) => name === "__all__" ? m : `${name}: ${m}`);
          (errors[key] ??= []).push(...shown);
        }
      }
      if (Object.keys(errors).length > 0) {
        return { ok: false, errors: errors as FieldErrors<F>, values };
      }
      return { ok: true, data: data as FormValues<F> };
    },
  };
}

async function read(
  source: Context | FormData | URLSearchParams,
): Promise<{ get(name: string): FormDataEntryValue | null }> {
  if (source instanceof FormData || source instanceof URLSearchParams) return source;
  const method = source.request.method;
  return method === "GET" || method === "HEAD" ? source.query : await source.body.form();
}
