// Island props travel from the server to the browser as JSON with tagged values for what JSON
// lacks (Dates, Maps, Sets, BigInts, undefined, non-finite numbers). Shared by the server, which
// encodes, and the browser runtime, which decodes: keep it free of Deno and DOM APIs.

/** The key that marks a tagged value; plain objects that use it themselves are wrapped. */
const TAG = "$t";
/** What Preact stores as `constructor` on every element (`Symbol.for("pv")`). */
const ELEMENT = Symbol.for("pv");

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Encodes island props into JSON-safe values, refusing what cannot reach the browser (functions,
 * symbols, class instances, JSX, cycles) with the path of the offending prop.
 */
export function encodeProps(props: Record<string, unknown>, island: string): Json {
  const seen = new Set<object>();
  const encode = (value: unknown, path: string): Json => {
    switch (typeof value) {
      case "string":
      case "boolean":
        return value;
      case "number":
        return Number.isFinite(value) ? value : { [TAG]: "Number", v: String(value) };
      case "undefined":
        return { [TAG]: "Undefined" };
      case "bigint":
        return { [TAG]: "BigInt", v: value.toString() };
      case "object":
        break;
      default:
        throw refuse(island, path, `${typeof value}s cannot be sent to the browser`);
    }
    if (value === null) return null;
    if (seen.has(value)) throw refuse(island, path, "it refers to itself");
    seen.add(value);
    try {
      if (Array.isArray(value)) return value.map((item, i) => encode(item, `${path}[${i}]`));
      if (value instanceof Date) {
        return { [TAG]: "Date", v: Number.isNaN(value.getTime()) ? null : value.toISOString() };
      }
      if (value instanceof Map) {
        return {
          [TAG]: "Map",
          v: [...value].map(([k, v], i) => [encode(k, `${path}<key ${i}>`), encode(v, path)]),
        };
      }
      if (value instanceof Set) {
        return { [TAG]: "Set", v: [...value].map((item, i) => encode(item, `${path}<${i}>`)) };
      }
      if ((value as { constructor?: unknown }).constructor === ELEMENT) {
        throw refuse(island, path, "JSX elements cannot be sent to the browser; pass plain data");
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw refuse(
          island,
          path,
          "class instances cannot be sent to the browser; pass plain data",
        );
      }
      const out: { [key: string]: Json } = {};
      for (const [key, item] of Object.entries(value)) {
        const encoded = encode(item, path === "" ? key : `${path}.${key}`);
        // Assigning "__proto__" would set the prototype instead of adding the key.
        if (key === "__proto__") {
          Object.defineProperty(out, key, { value: encoded, enumerable: true });
        } else out[key] = encoded;
      }
      return Object.hasOwn(out, TAG) ? { [TAG]: "Object", v: out } : out;
    } finally {
      seen.delete(value);
    }
  };
  return encode(props, "");
}

function refuse(island: string, path: string, reason: string): TypeError {
  const where = path === "" ? "its props" : `prop "${path}"`;
  return new TypeError(`Cannot send ${where} of island "${island}": ${reason}`);
}

/** Decodes what {@linkcode encodeProps} made, in the browser. */
export function decodeProps(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(decodeProps);
  const record = value as Record<string, unknown>;
  switch (Object.hasOwn(record, TAG) ? record[TAG] : undefined) {
    case "Number":
      return Number(record.v);
    case "Undefined":
      return undefined;
    case "BigInt":
      return BigInt(record.v as string);
    case "Date":
      return new Date(record.v === null ? NaN : record.v as string);
    case "Map":
      return new Map((record.v as unknown[][]).map(([k, v]) => [decodeProps(k), decodeProps(v)]));
    case "Set":
      return new Set((record.v as unknown[]).map(decodeProps));
    case "Object":
      return decodeEntries(record.v as Record<string, unknown>);
    default:
      return decodeEntries(record);
  }
}

function decodeEntries(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) {
    Object.defineProperty(out, key, {
      value: decodeProps(item),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * JSON for an HTML `<script>` element: `<`, `>` and `&` become `\u003c`, `\u003e` and `\u0026`
 * (so neither `</script>` nor `<!--` can end or change the element), and U+2028 and U+2029 are
 * escaped too.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
