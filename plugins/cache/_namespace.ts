/**
 * The keys a cache uses in its store: `<prefix>:<version>:` then `k:` for values, `p:` for pages
 * and `t:` for tags, so that no user key can collide with a page or a tag.
 */
export class Namespace {
  /** `<prefix>:`, which `clear()` removes, every version included. */
  readonly prefix: string;
  /** `<prefix>:<version>:p:`, put in front of page keys. */
  readonly pages: string;
  readonly #space: string;

  constructor(prefix: string, version: string | number) {
    this.prefix = `${prefix}:`;
    this.#space = `${this.prefix}${version}:`;
    this.pages = `${this.#space}p:`;
  }

  /** The store key of a value. @throws {TypeError} For an empty or non-string key. */
  value(key: string): string {
    if (typeof key !== "string" || key === "") {
      throw new TypeError("Cannot use cache key: give a non-empty string");
    }
    return `${this.#space}k:${key}`;
  }

  /** The store keys of tags. */
  tags(tags: readonly string[]): string[] {
    return tags.map((tag) => `${this.#space}t:${tag}`);
  }
}
