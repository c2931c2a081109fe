/** A benchmark setting from the environment: a whole number >= `min`, or `fallback` when unset. */
export function setting(name: string, fallback: number, min: number): number {
  const raw = Deno.env.get(name);
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`Cannot read ${name}="${raw}": use a whole number >= ${min}`);
  }
  return value;
}
