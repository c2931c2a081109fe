/** What a redacted value is replaced with. */
export const REDACTED = "[REDACTED]";

/** Header and property names redacted by default. */
export const DEFAULT_REDACTED: readonly string[] = [
  "authorization",
  "cookie",
  "password",
  "passwd",
  "secret",
  "token",
  "csrf",
  "api-key",
];

const CACHE_LIMIT = 1000;

/**
 * Replaces the values of sensitive properties and headers, at any depth of plain objects, arrays
 * and `Headers`. A name matches when, lowercased and without `-` and `_`, it contains one of the
 * configured names: `password` covers `newPassword`, `token` covers `csrfToken` and
 * `x-csrf-token`, `cookie` covers `set-cookie`.
 */
export class Redactor {
  readonly #needles: readonly string[];
  readonly #verdicts = new Map<string, boolean>();

  constructor(names: readonly string[]) {
    this.#needles = [...new Set(names.map(normalise))].filter(Boolean);
  }

  /** Whether values under `name` are redacted. */
  matches(name: string): boolean {
    let verdict = this.#verdicts.get(name);
    if (verdict === undefined) {
      const key = normalise(name);
      verdict = this.#needles.some((needle) => key.includes(needle));
      if (this.#verdicts.size < CACHE_LIMIT) this.#verdicts.set(name, verdict);
    }
    return verdict;
  }

  /** `properties` with sensitive values replaced; the same object when nothing needs it. */
  apply(properties: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
    return this.#object(properties, undefined);
  }

  #object(
    properties: Readonly<Record<string, unknown>>,
    seen: Set<object> | undefined,
  ): Readonly<Record<string, unknown>> {
    let copy: Record<string, unknown> | undefined;
    for (const key in properties) {
      const value = properties[key];
      const clean = this.matches(key)
        ? REDACTED
        : typeof value === "object" && value !== null
        ? this.#value(value, seen ??= new Set())
        : value;
      if (clean !== value && copy === undefined) copy = { ...properties };
      if (copy !== undefined) copy[key] = clean;
    }
    return copy ?? properties;
  }

  /** Redacts inside `value`, keeping the objects on the current path in `seen` (cycles). */
  #value(value: object, seen: Set<object>): unknown {
    if (seen.has(value)) return value;
    if (value instanceof Headers) {
      const plain: Record<string, string> = {};
      for (const [name, text] of value) plain[name] = this.matches(name) ? REDACTED : text;
      return plain;
    }
    const proto = Object.getPrototypeOf(value);
    if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return value;
    seen.add(value);
    try {
      if (!Array.isArray(value)) return this.#object(value as Record<string, unknown>, seen);
      const items = value.map((item) =>
        typeof item === "object" && item !== null ? this.#value(item, seen) : item
      );
      return items.some((item, i) => item !== value[i]) ? items : value;
    } finally {
      seen.delete(value);
    }
  }
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, "");
}
