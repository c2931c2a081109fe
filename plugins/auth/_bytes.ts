/** Byte helpers shared by the auth plugin: encodings, random values, constant-time compare. */
import { createHash } from "node:crypto";

const utf8 = new TextEncoder();

/** UTF-8 bytes of `text`. */
export function encodeUtf8(text: string): Uint8Array<ArrayBuffer> {
  return utf8.encode(text);
}

/** `n` bytes from the system's CSPRNG. */
export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** Standard base64, padded unless `pad` is false. */
export function toBase64(bytes: Uint8Array, pad = true): string {
  return bytes.toBase64({ omitPadding: !pad });
}

/** Base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  return bytes.toBase64({ alphabet: "base64url", omitPadding: true });
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

/**
 * Decodes standard base64 or base64url, padding optional; `undefined` when malformed (a
 * character of neither alphabet, both alphabets mixed, whitespace, a bad length or padding).
 */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  const alphabet = BASE64.test(text) ? "base64" : BASE64URL.test(text) ? "base64url" : undefined;
  if (alphabet === undefined) return undefined;
  try {
    return Uint8Array.fromBase64(text, { alphabet });
  } catch {
    return undefined;
  }
}

/** Whether `a` and `b` hold the same bytes, in time that depends only on their lengths. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** Whether strings `a` and `b` are equal, in time that depends only on their lengths. */
export function timingSafeEqualText(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

/**
 * Lowercase hex of the SHA-256 digest of `text`. Synchronous: it runs on every request with a
 * session cookie, and Web Crypto's promise costs several times the hashing of a short id.
 */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
