/**
 * `current` (a `Vary` value, or none) with each of `names` added unless already listed; `*`
 * already covers everything. Names compare without case, as header names do.
 */
export function mergeVary(current: string | null | undefined, names: readonly string[]): string {
  if (current === null || current === undefined || current.trim() === "") return names.join(", ");
  const listed = new Set(current.split(",").map((name) => name.trim().toLowerCase()));
  if (listed.has("*")) return current;
  let merged = current;
  for (const name of names) {
    if (listed.has(name.toLowerCase())) continue;
    listed.add(name.toLowerCase());
    merged += `, ${name}`;
  }
  return merged;
}
