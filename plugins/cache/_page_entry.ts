// Cached pages as the store keeps them: status, headers and body bytes, so that a hit builds its
// response without parsing or copying more than it must.
//
// Layout: one kind byte ("P" for a page, "V" for the list of request headers a page varies on),
// a 32-bit big-endian length, that many bytes of JSON head, then the body.

import type { Context } from "../../core/mod.ts";

/** A stored page. */
export interface Page {
  readonly kind: "page";
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Uint8Array<ArrayBuffer>;
  /** When it was stored, by the store's clock, for `Age`. */
  readonly storedAt: number;
  readonly tags?: readonly string[];
  readonly versions?: readonly string[];
}

/** The request headers the pages under a key vary on, stored in place of a page. */
export interface VaryList {
  readonly kind: "vary";
  readonly names: readonly string[];
}

const PAGE = 0x50;
const VARY = 0x56;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const decoded = new WeakMap<Uint8Array, Page | VaryList>();
const templates = new WeakMap<Page, { age: number; body: BodyInit; response: Response }>();
const strict = new TextDecoder("utf-8", { fatal: true });
const TEXTUAL = /^(text\/|application\/([\w.+-]*\+)?(json|xml|javascript))/i;

/** Encodes a page or a vary list. */
export function encodePage(entry: Page | VaryList): Uint8Array {
  const head = encoder.encode(JSON.stringify(
    entry.kind === "vary"
      ? entry.names
      : { s: entry.status, h: entry.headers, t: entry.storedAt, g: entry.tags, v: entry.versions },
  ));
  const body = entry.kind === "page" ? entry.body : new Uint8Array();
  const bytes = new Uint8Array(5 + head.byteLength + body.byteLength);
  bytes[0] = entry.kind === "page" ? PAGE : VARY;
  new DataView(bytes.buffer).setUint32(1, head.byteLength);
  bytes.set(head, 5);
  bytes.set(body, 5 + head.byteLength);
  return bytes;
}

/**
 * Decodes what {@linkcode encodePage} made, remembering the result for as long as the store
 * keeps the same array (as the memory store does).
 *
 * @throws {SyntaxError} For anything else.
 */
export function decodePage(bytes: Uint8Array): Page | VaryList {
  let entry = decoded.get(bytes);
  if (entry !== undefined) return entry;
  const kind = bytes[0];
  if (bytes.byteLength < 5 || (kind !== PAGE && kind !== VARY)) {
    throw new SyntaxError("Cannot decode cached page: unknown format");
  }
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(1);
  const head = JSON.parse(decoder.decode(bytes.subarray(5, 5 + length)));
  if (kind === VARY) {
    entry = { kind: "vary", names: head };
  } else {
    entry = {
      kind: "page",
      status: head.s,
      headers: head.h,
      body: bytes.subarray(5 + length) as Uint8Array<ArrayBuffer>,
      storedAt: head.t,
      tags: head.g,
      versions: head.v,
    };
  }
  decoded.set(bytes, entry);
  return entry;
}

/**
 * The response for a hit on `page`, with `Age` in whole seconds since it was stored: a template
 * made once per page and age, and copied with `ctx.copy()`, which measured cheaper than building
 * a response with its headers on every hit; a text body is kept as a string, which Deno does not
 * copy.
 */
export function pageResponse(ctx: Context, page: Page, now: number): Response {
  const age = Math.max(0, Math.floor((now - page.storedAt) / 1000));
  let template = templates.get(page);
  if (template === undefined || template.age !== age) {
    const headers = [...page.headers, ["age", String(age)]] as [string, string][];
    const body = template?.body ?? textOrBytes(page);
    template = { age, body, response: new Response(body, { status: page.status, headers }) };
    templates.set(page, template);
  }
  return ctx.copy(template.response);
}

/** A text page's body as a string, which Deno sends without the copy it makes of bytes. */
function textOrBytes(page: Page): BodyInit {
  const type = page.headers.find(([name]) => name === "content-type")?.[1] ?? "";
  if (!TEXTUAL.test(type)) return page.body;
  try {
    return strict.decode(page.body);
  } catch {
    return page.body;
  }
}
