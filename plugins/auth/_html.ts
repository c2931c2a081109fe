import { escapeHtml } from "../../core/mod.ts";

/** A form field of the auth views. */
export interface FormField {
  readonly name: string;
  readonly label: string;
  readonly type: "text" | "password" | "hidden";
  readonly value?: string;
  readonly autocomplete?: string;
}

/** A minimal, dependency-free HTML page with one POST form. */
export function formPage(
  title: string,
  fields: readonly FormField[],
  options: { csrfToken: string; errors?: readonly string[]; submit: string },
): string {
  const errors = (options.errors ?? []).map((e) => `<li>${escapeHtml(e)}</li>`).join("");
  const inputs = fields.map((f) => {
    const value = f.value === undefined ? "" : ` value="${escapeHtml(f.value)}"`;
    const auto = f.autocomplete === undefined ? "" : ` autocomplete="${f.autocomplete}"`;
    const input = `<input type="${f.type}" name="${f.name}" id="${f.name}"${value}${auto}>`;
    return f.type === "hidden"
      ? input
      : `<p><label for="${f.name}">${f.label}</label> ${input}</p>`;
  }).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><h1>${escapeHtml(title)}</h1>${errors ? `<ul class="errors">${errors}</ul>` : ""}
<form method="post">
<input type="hidden" name="csrf_token" value="${escapeHtml(options.csrfToken)}">
${inputs}
<button type="submit">${escapeHtml(options.submit)}</button>
</form></body></html>`;
}
