/** CSP directives by name, each a list of sources, or `false` to leave a default one out. */
export type CspDirectives = Readonly<Record<string, readonly string[] | false>>;

/**
 * The default policy: everything from the page's own origin, inline scripts only with the
 * response's nonce, inline styles allowed (style attributes are common in server-rendered
 * markup), no plugins, no framing, forms posting only to the same origin.
 */
export const DEFAULT_CSP: Readonly<Record<string, readonly string[]>> = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": ["'self'", "data:"],
  "font-src": ["'self'"],
  "connect-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
};

/**
 * A `Content-Security-Policy` header value, built once: `withNonce()` adds a response's nonce to
 * `script-src` by concatenation only.
 */
export class ContentSecurityPolicy {
  readonly #before: string;
  readonly #after: string;
  /** The policy without a nonce, for responses with no inline script. */
  readonly plain: string;

  /**
   * @param overrides Directives to replace or (with `false`) remove.
   * @throws {TypeError} For a malformed directive or source, or when `script-src` is removed.
   */
  constructor(overrides: CspDirectives = {}) {
    const directives = new Map<string, readonly string[]>(Object.entries(DEFAULT_CSP));
    for (const [name, sources] of Object.entries(overrides)) {
      if (!/^[a-z][a-z-]*$/.test(name)) {
        throw new TypeError(`Cannot use CSP directive "${name}": use a lowercase directive name`);
      }
      if (sources === false) {
        if (name === "script-src") {
          throw new TypeError(
            'Cannot remove CSP directive "script-src": the nonce of inline scripts goes there; ' +
              "give a list of sources instead",
          );
        }
        directives.delete(name);
        continue;
      }
      for (const source of sources) {
        if (source === "" || /[;,\s]/.test(source)) {
          throw new TypeError(
            `Cannot use CSP source "${source}" in "${name}": one source per item`,
          );
        }
      }
      directives.set(name, sources);
    }
    const text = (name: string, sources: readonly string[]) =>
      sources.length === 0 ? name : `${name} ${sources.join(" ")}`;
    const parts = [...directives].map(([name, sources]) => text(name, sources));
    const at = [...directives.keys()].indexOf("script-src");
    this.#before = parts.slice(0, at + 1).join("; ");
    const rest = parts.slice(at + 1).join("; ");
    this.#after = rest === "" ? "" : `; ${rest}`;
    this.plain = this.#before + this.#after;
  }

  /** The policy with `'nonce-<nonce>'` added to `script-src`. */
  withNonce(nonce: string): string {
    return `${this.#before} 'nonce-${nonce}'${this.#after}`;
  }
}
