/**
 * Escapes text for HTML element content and quoted attribute values: `&`, `<`, `>`, `"` and `'`
 * become character references.
 *
 * @param text Any text, such as request data.
 * @returns Text that is safe between tags and inside quoted attributes.
 *
 * @example Escaping user input
 * ```ts
 * import { escapeHtml } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * assert.equal(escapeHtml(`"><script>`), "&#34;&#62;&#60;script&#62;");
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
