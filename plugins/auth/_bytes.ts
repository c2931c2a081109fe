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
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  const text = btoa(binary);
  return pad ? text : text.replace(/=+$/, "");
}

/** Base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes, false).replaceAll("+", "-").replaceAll("/", "_");
}

/** Decodes standard base64 (padding optional) or base64url; `undefined` when malformed. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) return undefined;
  const plain = text.replaceAll("-", "+").replaceAll("_", "/").replace(/=+$/, "");
  if (plain.length % 4 === 1) return undefined;
  try {
    const binary = atob(plain + "=".repeat((4 - plain.length % 4) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
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
