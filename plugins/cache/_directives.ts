/** The directives of a `Cache-Control` header, names in lower case; `true` for bare ones. */
export function cacheControl(header: string | null): Map<string, string | true> {
  const directives = new Map<string, string | true>();
  if (header === null) return directives;
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (name === "" || directives.has(name)) continue;
    directives.set(name, eq < 0 ? true : part.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1"));
  }
  return directives;
}

/** The header names of a `Vary` header, in lower case, sorted, without duplicates. */
export function varyNames(header: string | null): string[] {
  if (header === null) return [];
  const names = new Set<string>();
  for (const part of header.split(",")) {
    const name = part.trim().toLowerCase();
    if (name !== "") names.add(name);
  }
  return [...names].sort();
}

/** A directive's value as whole seconds, or `undefined` when absent or not a number. */
export function seconds(value: string | true | undefined): number | undefined {
  if (typeof value !== "string" || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}
