// Values as the cache stores them: JSON text, with tagged objects for what JSON lacks.
//
// An entry is either a bare decimal integer (so that stores can increment it and `get` reads a
// number back) or a JSON array `[payload]` / `[payload, tagNames, tagVersions]`. In the payload,
// `{"$t": type, "v": value}` stands for a Date, Uint8Array (base64), Map, Set, BigInt, undefined
// or non-finite number; a plain object that has its own `$t` key is wrapped as `{"$t": "obj"}`,
// so that no stored data is mistaken for a tag.

/** A decoded entry: the value and the tag versions it was written under. */
export interface Decoded {
  value: unknown;
  tags?: string[];
  versions?: string[];
}

const TAG = "$t";
const INTEGER = /^-?\d+$/;
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Encodes a value, with the tag versions it is written under.
 *
 * @throws {TypeError} For `undefined` at the top, functions, symbols, circular structures and
 * objects other than plain objects, arrays, Date, Uint8Array, Map and Set.
 */
export function encodeValue(
  value: unknown,
  tags?: readonly string[],
  versions?: readonly string[],
): Uint8Array {
  if (value === undefined) throw new TypeError("Cannot cache undefined: store null instead");
  if (tags === undefined && Number.isSafeInteger(value)) return encoder.encode(String(value));
  const envelope = tags === undefined
    ? [toJson(value, new Set())]
    : [toJson(value, new Set()), tags, versions];
  return encoder.encode(JSON.stringify(envelope));
}

/** Decodes what {@linkcode encodeValue} made. @throws {SyntaxError} For anything else. */
export function decodeValue(bytes: Uint8Array): Decoded {
  const text = decoder.decode(bytes);
  if (text[0] !== "[") {
    if (!INTEGER.test(text)) throw new SyntaxError("Cannot decode cache entry: unknown format");
    return { value: Number(text) };
  }
  const envelope = JSON.parse(text);
  if (!Array.isArray(envelope) || envelope.length === 0) {
    throw new SyntaxError("Cannot decode cache entry: unknown format");
  }
  const value = text.includes(`"${TAG}"`) ? fromJson(envelope[0]) : envelope[0];
  return envelope.length === 1 ? { value } : { value, tags: envelope[1], versions: envelope[2] };
}

function toJson(value: unknown, seen: Set<object>): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : { [TAG]: "num", v: String(value) };
    case "bigint":
      return { [TAG]: "big", v: value.toString() };
    case "undefined":
      return { [TAG]: "undef" };
    case "object":
      if (value === null) return null;
      break;
    default:
      throw unsupported(typeof value);
  }
  if (value instanceof Date) return { [TAG]: "date", v: value.getTime() };
  if (value instanceof Uint8Array) return { [TAG]: "bytes", v: value.toBase64() };
  if (seen.has(value)) throw new TypeError("Cannot cache a circular structure");
  seen.add(value);
  let out: unknown;
  if (Array.isArray(value)) {
    const items = new Array(value.length);
    for (let i = 0; i < value.length; i++) items[i] = toJson(value[i], seen);
    out = items;
  } else if (value instanceof Map) {
    out = { [TAG]: "map", v: Array.from(value, ([k, v]) => [toJson(k, seen), toJson(v, seen)]) };
  } else if (value instanceof Set) {
    out = { [TAG]: "set", v: Array.from(value, (item) => toJson(item, seen)) };
  } else {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw unsupported(value.constructor?.name ?? "object");
    }
    const object: Record<string, unknown> = Object.create(null);
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) object[key] = toJson(record[key], seen);
    out = Object.hasOwn(record, TAG) ? { [TAG]: "obj", v: object } : object;
  }
  seen.delete(value);
  return out;
}

function fromJson(node: unknown): unknown {
  if (typeof node !== "object" || node === null) return node;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) node[i] = fromJson(node[i]);
    return node;
  }
  const record = node as Record<string, unknown>;
  if (!Object.hasOwn(record, TAG)) return fromObject(record);
  const v = record.v as never;
  switch (record[TAG]) {
    case "date":
      return new Date(v ?? NaN);
    case "bytes":
      return Uint8Array.fromBase64(v);
    case "map":
      return new Map((v as [unknown, unknown][]).map(([k, x]) => [fromJson(k), fromJson(x)]));
    case "set":
      return new Set((v as unknown[]).map(fromJson));
    case "big":
      return BigInt(v);
    case "num":
      return Number(v);
    case "undef":
      return undefined;
    case "obj":
      return fromObject(v);
    default:
      throw new SyntaxError(`Cannot decode cache entry: unknown type "${record[TAG]}"`);
  }
}

function fromObject(record: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(record)) record[key] = fromJson(record[key]);
  return record;
}

function unsupported(kind: string): TypeError {
  return new TypeError(
    `Cannot cache a value of type ${kind}: use JSON values, Date, Uint8Array, Map, Set or BigInt`,
  );
}
