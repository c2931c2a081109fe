import { fillPattern, type ParamValues, type Segment } from "./_pattern.ts";

/** Query values accepted by `app.url()`: a value or a list of values per key. */
export type QueryValues = Record<string, string | number | boolean | readonly string[]>;

/** The path of route `name` with `params` filled in and `query` appended. */
export function reverse(
  names: ReadonlyMap<string, readonly Segment[]>,
  name: string,
  params: ParamValues,
  query: QueryValues | undefined,
): string {
  const segments = names.get(name);
  if (segments === undefined) {
    const known = [...names.keys()].join(", ") || "none";
    throw new Error(`Cannot reverse "${name}": no route has that name (known: ${known})`);
  }
  const path = fillPattern(name, segments, params);
  if (query === undefined) return path;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  const text = search.toString();
  return text === "" ? path : `${path}?${text}`;
}
