import {
  type ComponentChild,
  type ComponentChildren,
  Fragment,
  h,
  isValidElement,
  toChildArray,
} from "preact";
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
const DEFAULTS = new Map<string, HeadElement>(
  [
    ["meta:charset", '<meta charset="utf-8">'],
    ["meta:name:viewport", '<meta name="viewport" content="width=device-width, initial-scale=1">'],
  ].map(([key, html]) => [key, { html, key, needsNonce: false }]),
);
const DEFAULT_HTML = [...DEFAULTS.values()].map((element) => element.html).join("");

interface Added {
  readonly children: ComponentChildren;
  readonly level: number;
}

/**
 * One element of `<head>`: its HTML, its de-duplication key if it has one, and whether it is an
 * inline script that needs the nonce.
 */
interface HeadElement {
  readonly html: string;
  readonly key: string | undefined;
  readonly needsNonce: boolean;
}

interface Entry {
  element: HeadElement;
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
    const entries = new Map<string, Entry>();
    for (const [key, element] of DEFAULTS) entries.set(key, { element, level: -1 });
    let unkeyed = 0;
    for (const { children, level } of this.#added) {
      for (const child of toChildArray(children)) {
        // Only elements made by jsx() carry a key of their own (templates say -1).
        const explicit = typeof child === "object" && typeof child.type === "string" &&
            child.key != null
          ? child.key
          : undefined;
        elementsOf(child).forEach((element, i) => {
          const key = explicit !== undefined
            ? `key:${explicit}${i === 0 ? "" : `:${i}`}`
            : element.key ?? `#${unkeyed++}`;
          const existing = entries.get(key);
          if (existing === undefined) entries.set(key, { element, level });
          else if (level >= existing.level) Object.assign(existing, { element, level });
        });
      }
    }
    let out = "";
    for (const { element } of entries.values()) {
      out += element.needsNonce
        ? `<script nonce="${nonce()}"${element.html.slice(7)}`
        : element.html;
    }
    return out;
  }
}

/**
 * The head elements of one child. Those of a static template (JSX without expressions, which
 * `precompile` turns into one constant list of strings) are read once and kept with the list.
 */
function elementsOf(child: ComponentChild): readonly HeadElement[] {
  const template = staticTemplate(child);
  if (template === undefined) return parse(renderToString(h(Fragment, null, child)));
  let elements = templates.get(template);
  if (elements === undefined) templates.set(template, elements = parse(template.join("")));
  return elements;
}

const templates = new WeakMap<readonly string[], readonly HeadElement[]>();

function staticTemplate(child: ComponentChild): readonly string[] | undefined {
  if (!isValidElement(child) || child.type !== Fragment) return undefined;
  const { tpl, exprs } = child.props as { tpl?: unknown; exprs?: unknown };
  return Array.isArray(tpl) && Array.isArray(exprs) && exprs.length === 0 ? tpl : undefined;
}

function parse(html: string): HeadElement[] {
  return split(html).map((element) => {
    const open = element.match(OPEN_TAG)![0];
    return {
      html: element,
      key: keyOf(element, open),
      needsNonce: element.startsWith("<script") && !/\snonce=/.test(open),
    };
  });
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

/** The attributes that can key a head element; the last of a name wins. */
interface KeyAttributes {
  id?: string;
  charset?: string;
  name?: string;
  property?: string;
  "http-equiv"?: string;
  itemprop?: string;
  rel?: string;
  href?: string;
  src?: string;
}

const KEY_ATTRIBUTES = new Set(
  ["id", "charset", "name", "property", "http-equiv", "itemprop", "rel", "href", "src"],
);
const META_KEYS = ["name", "property", "http-equiv", "itemprop"] as const;

function keyOf(html: string, open: string): string | undefined {
  const tag = html.slice(1, html.search(/[\s>]/));
  const attributes: KeyAttributes = {};
  ATTRIBUTE.lastIndex = 0;
  for (let match; (match = ATTRIBUTE.exec(open)) !== null;) {
    const name = match[1].toLowerCase();
    if (KEY_ATTRIBUTES.has(name)) attributes[name as keyof KeyAttributes] = match[2] ?? "";
  }
  if (attributes.id !== undefined) return `id:${attributes.id}`;
  switch (tag) {
    case "title":
    case "base":
      return tag;
    case "meta": {
      if (attributes.charset !== undefined) return "meta:charset";
      for (const name of META_KEYS) {
        const value = attributes[name];
        if (value !== undefined) {
          return `meta:${name}:${name === "http-equiv" ? value.toLowerCase() : value}`;
        }
      }
      return undefined;
    }
    case "link": {
      const rel = (attributes.rel ?? "").toLowerCase();
      if (SINGLE_RELS.has(rel)) return `link:${rel}`;
      const href = attributes.href;
      return href === undefined ? undefined : `link:${rel}:${href}`;
    }
    case "script": {
      const src = attributes.src;
      return src === undefined ? undefined : `script:${src}`;
    }
    default:
      return undefined;
  }
}
