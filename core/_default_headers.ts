/**
 * The headers a response made by a context helper starts with: its content type and the
 * security headers sent on every response. One frozen record per content type, made on first
 * use, so that a response gets them all in its constructor rather than by one `set()` each on
 * the way out. Internal.
 */
export class DefaultHeaders {
  readonly #always: readonly (readonly [string, string])[];
  readonly #byType = new Map<string, Readonly<Record<string, string>>>();

  constructor(always: readonly (readonly [string, string])[]) {
    this.#always = always;
  }

  /** The content type and the security headers, as one header record. */
  for(type: string): Readonly<Record<string, string>> {
    let record = this.#byType.get(type);
    if (record === undefined) {
      record = Object.freeze(Object.fromEntries([["content-type", type], ...this.#always]));
      // Content types come from code, but a stream's may vary: keep the common ones only.
      if (this.#byType.size < MAX_TYPES) this.#byType.set(type, record);
    }
    return record;
  }

  /** Adds the security headers that `headers` does not set itself. */
  complete(headers: Headers): void {
    for (const [name, value] of this.#always) if (!headers.has(name)) headers.set(name, value);
  }
}

const MAX_TYPES = 32;
