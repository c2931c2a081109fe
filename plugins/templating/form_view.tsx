import { createContext, h } from "preact";
import type { ComponentChildren, VNode } from "./types.ts";
import { useContext } from "preact/hooks";
import { RenderContext } from "./_render_state.ts";
import type { FieldSpec } from "./fields.ts";
import type { FieldErrors, FormDefinition, FormFields } from "./form.ts";

interface BoundForm {
  readonly fields: FormFields;
  readonly values: Readonly<Record<string, unknown>>;
  readonly errors: Readonly<Record<string, readonly string[] | undefined>>;
}

const FormContext = createContext<BoundForm | undefined>(undefined);

/** The hidden input's name for the CSRF token (`ctx.state.csrfToken`), as auth expects it. */
const CSRF_FIELD = "csrf_token";

/** Props of {@linkcode Form}. */
export interface FormProps<F extends FormFields> {
  /** The form, from {@linkcode defineForm}. */
  of: FormDefinition<F>;
  /** Values to show: the data being edited, or `values` of a failed `parse()`. */
  values?: { readonly [K in keyof F]?: unknown };
  /** Messages to show, from a failed `parse()`. */
  errors?: FieldErrors<F>;
  /** `post` by default. */
  method?: "get" | "post";
  /** Where the form goes; the current URL by default. */
  action?: string;
  /** `multipart/form-data` for forms with files. */
  enctype?: string;
  /** The form element's id. */
  id?: string;
  /** The form element's class. */
  class?: string;
  /** `<Field>`s, `<FormErrors>`, buttons and any other markup. */
  children?: ComponentChildren;
}

/**
 * A `<form>` bound to a form definition, its values and its messages, for the `<Field>`s and
 * `<FormErrors>` inside. A POST form carries a hidden `csrf_token` input with
 * `ctx.state.csrfToken` when a plugin (auth) provides one.
 *
 * @param props The form, values, errors, and the form element's attributes.
 * @returns The form element.
 *
 * @example A form rendered again with its messages
 * ```tsx
 * import { App } from "@plinth/plinth";
 * import { defineForm, Field, field, Form, templating } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * const contact = defineForm({ fields: { email: field.email(), message: field.text({ multiline: true }) } });
 * const app = new App({ env: "test" }).register(templating());
 * app.post("/contact", async (ctx) => {
 *   const result = await contact.parse(ctx);
 *   if (result.ok) return ctx.redirect("/thanks");
 *   return ctx.render(
 *     <Form of={contact} values={result.values} errors={result.errors}>
 *       <Field name="email" />
 *       <Field name="message" />
 *     </Form>,
 *     { status: 422 },
 *   );
 * });
 * const res = await app.request("/contact", { method: "POST", body: new URLSearchParams({ email: "ann" }) });
 * assert.equal(res.status, 422);
 * const html = await res.text();
 * assert.match(html, /<input type="email" value="ann" id="id_email" name="email" required/);
 * assert.match(html, /<li>Enter a valid email address.<\/li>/);
 * ```
 */
export function Form<F extends FormFields>(props: FormProps<F>): VNode {
  const { of, values = {}, errors = {}, children, method = "post", ...attributes } = props;
  const request = useContext(RenderContext);
  const token = method === "post" ? request?.csrfToken : undefined;
  const bound: BoundForm = {
    fields: of.fields,
    values: values as Record<string, unknown>,
    errors: errors as Record<string, string[]>,
  };
  return (
    <form method={method} {...attributes}>
      {token !== undefined && <input type="hidden" name={CSRF_FIELD} value={token} />}
      <FormContext.Provider value={bound}>{children}</FormContext.Provider>
    </form>
  );
}

/** Props of {@linkcode Field}. */
export interface FieldProps {
  /** The field's name in the form. */
  name: string;
  /** Replaces the field's label. */
  label?: string;
  /** The input's placeholder. */
  placeholder?: string;
  /** The input's `autocomplete` hint, such as `"email"` or `"current-password"`. */
  autocomplete?: string;
}

/**
 * A field of the enclosing `<Form>`: its label, its control (input, checkbox, `<select>` or
 * `<textarea>`, with the HTML validation attributes of its rules), its value kept (never a
 * password's), and its messages, linked by `aria-describedby`.
 *
 * @param props The field's name and display options.
 * @returns A `<div class="field">` holding label, control and messages.
 * @throws {Error} Outside a `<Form>`, or for a name the form does not declare.
 *
 * @example A required text field
 * ```tsx
 * import { App } from "@plinth/plinth";
 * import { defineForm, Field, field, Form, templating } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * const search = defineForm({ fields: { q: field.text({ maxLength: 50, label: "Search" }) } });
 * const app = new App({ env: "test" }).register(templating());
 * app.get("/", (ctx) => ctx.render(<Form of={search} method="get"><Field name="q" /></Form>));
 * const html = await (await app.request("/")).text();
 * assert.match(html, /<label for="id_q">Search<\/label><input type="text" value id="id_q"/);
 * assert.match(html, /maxlength="50"/);
 * ```
 */
export function Field(props: FieldProps): VNode {
  const form = useContext(FormContext);
  if (form === undefined) throw new Error(`Cannot render field "${props.name}" outside a <Form>`);
  const spec = Object.hasOwn(form.fields, props.name) ? form.fields[props.name] : undefined;
  if (spec === undefined) {
    const known = Object.keys(form.fields).join(", ");
    throw new Error(`Cannot render field "${props.name}": the form declares ${known}`);
  }
  const id = `id_${props.name}`;
  const errors = form.errors[props.name] ?? [];
  const invalid = errors.length > 0;
  const common = {
    id,
    name: props.name,
    required: spec.required || undefined,
    placeholder: props.placeholder,
    autocomplete: props.autocomplete,
    "aria-invalid": invalid ? "true" : undefined,
    "aria-describedby": invalid ? `${id}_errors` : undefined,
    ...spec.attributes,
  };
  const label = <label for={id}>{props.label ?? spec.label ?? humanise(props.name)}</label>;
  const control = controlOf(spec, form.values[props.name], common);
  return (
    <div class={invalid ? "field invalid" : "field"}>
      {spec.kind === "boolean" ? [control, label] : [label, control]}
      {invalid && (
        <ul class="errorlist" id={`${id}_errors`}>
          {errors.map((message, i) => h("li", { key: i }, message))}
        </ul>
      )}
    </div>
  );
}

/**
 * The messages of the enclosing `<Form>` that belong to no field (`errors.__all__`), such as
 * "Wrong email or password"; nothing when there are none.
 *
 * @returns A `<ul class="errorlist nonfield">`, or nothing.
 * @throws {Error} Outside a `<Form>`.
 *
 * @example A login failure
 * ```tsx
 * import { App } from "@plinth/plinth";
 * import { defineForm, field, Form, FormErrors, templating } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * const login = defineForm({ fields: { email: field.email() } });
 * const app = new App({ env: "test" }).register(templating());
 * app.get("/", (ctx) =>
 *   ctx.render(
 *     <Form of={login} errors={{ __all__: ["Wrong email or password"] }}>
 *       <FormErrors />
 *     </Form>,
 *   ));
 * const html = await (await app.request("/")).text();
 * assert.match(html, /<ul class="errorlist nonfield"><li>Wrong email or password<\/li><\/ul>/);
 * ```
 */
export function FormErrors(): VNode | null {
  const form = useContext(FormContext);
  if (form === undefined) throw new Error("Cannot render <FormErrors> outside a <Form>");
  const errors = form.errors.__all__ ?? [];
  if (errors.length === 0) return null;
  return (
    <ul class="errorlist nonfield">
      {errors.map((message, i) => h("li", { key: i }, message))}
    </ul>
  );
}

const INPUT_TYPES: Record<string, string> = {
  text: "text",
  password: "password",
  email: "email",
  url: "url",
  integer: "number",
  number: "number",
};

function controlOf(
  spec: FieldSpec<unknown>,
  value: unknown,
  common: Record<string, unknown>,
): ComponentChildren {
  // h() rather than JSX: precompiled templates leave stray spaces where attributes are false.
  if (spec.kind === "boolean") {
    return h("input", { type: "checkbox", checked: isTicked(value), ...common });
  }
  const text = spec.kind === "password" ? "" : textOf(value);
  if (spec.kind === "choice") {
    const blank = spec.required ? [] : [["", "---------"] as const];
    const options = [...blank, ...spec.choices!].map(([choice, label]) =>
      h("option", { key: choice, value: choice, selected: choice === text }, label)
    );
    return h("select", common, options);
  }
  if (spec.multiline) return h("textarea", common, text);
  return h("input", { type: INPUT_TYPES[spec.kind], value: text, ...common });
}

function textOf(value: unknown): string {
  if (value === undefined || value === null) return "";
  return value instanceof Date ? value.toISOString() : String(value);
}

function isTicked(value: unknown): boolean {
  if (typeof value === "string") return value !== "" && !["false", "0", "off"].includes(value);
  return value === true;
}

function humanise(name: string): string {
  const words = name.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
