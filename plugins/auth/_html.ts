import { escapeHtml } from "../../core/mod.ts";

/** A form field of the auth views. */
export interface FormField {
  readonly name: string;
  readonly label: string;
  readonly type: "text" | "password" | "hidden";
  readonly value?: string;
  readonly autocomplete?: string;
}

/**
 * The body of an auth view's page: a heading, the errors, and one POST form with the CSRF
 * field. Every text and attribute is escaped, so the result is the trusted fragment that
 * `app.renderDocument()` expects.
 */
export function formFragment(
  title: string,
  fields: readonly FormField[],
  options: { csrfToken: string; errors?: readonly string[]; submit: string },
): string {
  const errors = (options.errors ?? []).map((e) => `<li>${escapeHtml(e)}</li>`).join("");
  const inputs = fields.map((f) => {
    const name = escapeHtml(f.name);
    const value = f.value === undefined ? "" : ` value="${escapeHtml(f.value)}"`;
    const auto = f.autocomplete === undefined
      ? ""
      : ` autocomplete="${escapeHtml(f.autocomplete)}"`;
    const input = `<input type="${f.type}" name="${name}" id="${name}"${value}${auto}>`;
    return f.type === "hidden"
      ? input
      : `<p><label for="${name}">${escapeHtml(f.label)}</label> ${input}</p>`;
  }).join("\n");
  return `<h1>${escapeHtml(title)}</h1>${errors ? `<ul class="errors">${errors}</ul>` : ""}
<form method="post">
<input type="hidden" name="csrf_token" value="${escapeHtml(options.csrfToken)}">
${inputs}
<button type="submit">${escapeHtml(options.submit)}</button>
</form>`;
}
