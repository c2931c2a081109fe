import { compileFill, type Fill, type ParamValues, type Segment } from "./_pattern.ts";

/** Query values accepted by `app.url()`: a value or a list of values per key. */
export type QueryValues = Record<string, string | number | boolean | readonly string[]>;

/** Each named route's builder, compiled on its first reversal and kept with its segments. */
const fills = new WeakMap<readonly Segment[], Fill>();

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
  let fill = fills.get(segments);
  if (fill === undefined) fills.set(segments, fill = compileFill(segments));
  const path = fill(name, params);
  if (query === undefined) return path;
  const search = new URLSearchParams();
  for (const key in query) {
    if (!Object.hasOwn(query, key)) continue;
    const value = query[key];
    if (Array.isArray(value)) { for (const item of value) search.append(key, String(item)); }
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text === "" ? path : `${path}?${text}`;
}
