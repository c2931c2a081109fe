import { type ComponentChildren, Fragment, h, toChildArray } from "preact";
import { renderToString } from "preact-render-to-string";

/**
 * One element of `<head>` as Preact renders it: a void element, or one with text inside (whose
 * `<` Preact escapes). Attribute values are quoted and may hold `>`.
 */
const ELEMENT =
  /<(meta|link|base)\b(?:[^>"]|"[^"]*")*>|<(title|script|style)\b(?:[^>"]|"[^"]*")*>[\s\S]*?<\/\2>/y;
const OPEN_TAG = /^<\w+(?:[^>"]|"[^"]*")*>/;
const ATTRIBUTE = /\s([^\s=>"'/]+)(?:="([^"]*)")?/g;
/** `rel` values a document has at most one of; other links are told apart by `href`. */
const SINGLE_RELS = new Set(["canonical", "icon", "manifest", "shortcut icon", "apple-touch-icon"]);
const DEFAULTS = new Map([
  ["meta:charset", '<meta charset="utf-8">'],
  ["meta:name:viewport", '<meta name="viewport" content="width=device-width, initial-scale=1">'],
]);
const DEFAULT_HTML = [...DEFAULTS.values()].join("");

interface Added {
  readonly children: ComponentChildren;
  readonly level: number;
}

interface Entry {
  html: string;
  level: number;
}

/**
 * The `<head>` entries of one page, de-duplicated: entries with the same key (an `id`, a `key`
 * on elements made with `h()`, the title, a meta's name, property or http-equiv, a canonical
 * link's rel, a script's src)
 * replace each other. A deeper component wins over a shallower one (the page over its layouts),
 * and among equals the later one wins; entries keep the place where their key first appeared.
 *
 * The children are rendered when the head is, after the page: JSX compiled with `precompile`
 * turns static elements into HTML templates (dropping their `key`), so entries are told apart
 * in their HTML.
 */
export class HeadCollector {
  readonly #added: Added[] = [];

  /** Adds the children of a `<Head>` at `level`. */
  add(children: ComponentChildren, level: number): void {
    this.#added.push({ children, level });
  }

  /**
   * The head's HTML: the default charset and viewport unless replaced, then the entries;
   * scripts get the nonce.
   *
   * @throws {TypeError} For content that does not belong in `<head>`.
   */
  html(nonce: () => string): string {
    if (this.#added.length === 0) return DEFAULT_HTML;
    const entries = new Map<string, Entry>(
      [...DEFAULTS].map(([key, html]) => [key, { html, level: -1 }]),
    );
    let unkeyed = 0;
    for (const { children, level } of this.#added) {
      for (const child of toChildArray(children)) {
        // Only elements made by jsx() carry a key of their own (templates say -1).
        const explicit = typeof child === "object" && typeof child.type === "string" &&
            child.key != null
          ? child.key
          : undefined;
        const elements = split(renderToString(h(Fragment, null, child)));
        elements.forEach((html, i) => {
          const key = explicit !== undefined
            ? `key:${explicit}${i === 0 ? "" : `:${i}`}`
            : keyOf(html) ?? `#${unkeyed++}`;
          const existing = entries.get(key);
          if (existing === undefined) entries.set(key, { html, level });
          else if (level >= existing.level) Object.assign(existing, { html, level });
        });
      }
    }
    let out = "";
    for (const { html } of entries.values()) {
      const needsNonce = html.startsWith("<script") && !/\snonce=/.test(openTag(html));
      out += needsNonce ? `<script nonce="${nonce()}"${html.slice(7)}` : html;
    }
    return out;
  }
}

function split(html: string): string[] {
  const elements: string[] = [];
  ELEMENT.lastIndex = 0;
  while (ELEMENT.lastIndex < html.length) {
    const at = ELEMENT.lastIndex;
    const match = ELEMENT.exec(html);
    if (match === null) {
      throw new TypeError(
        `Cannot put "${html.slice(at, at + 40)}" in <Head>: use title, meta, link, script, ` +
          "style or base elements",
      );
    }
    elements.push(match[0]);
  }
  return elements;
}

function openTag(html: string): string {
  return html.match(OPEN_TAG)![0];
}

function keyOf(html: string): string | undefined {
  const tag = html.slice(1, html.search(/[\s>]/));
  const attributes = new Map<string, string>();
  for (const [, name, value] of openTag(html).matchAll(ATTRIBUTE)) {
    attributes.set(name.toLowerCase(), value ?? "");
  }
  const id = attributes.get("id");
  if (id !== undefined) return `id:${id}`;
  switch (tag) {
    case "title":
    case "base":
      return tag;
    case "meta": {
      if (attributes.has("charset")) return "meta:charset";
      for (const name of ["name", "property", "http-equiv", "itemprop"]) {
        const value = attributes.get(name);
        if (value !== undefined) {
          return `meta:${name}:${name === "http-equiv" ? value.toLowerCase() : value}`;
        }
      }
      return undefined;
    }
    case "link": {
      const rel = (attributes.get("rel") ?? "").toLowerCase();
      if (SINGLE_RELS.has(rel)) return `link:${rel}`;
      const href = attributes.get("href");
      return href === undefined ? undefined : `link:${rel}:${href}`;
    }
    case "script": {
      const src = attributes.get("src");
      return src === undefined ? undefined : `script:${src}`;
    }
    default:
      return undefined;
  }
}
