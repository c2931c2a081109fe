import { fromBase64, randomBytes, timingSafeEqual, toBase64Url } from "./_bytes.ts";

const SECRET_BYTES = 32;

/** A new CSRF secret, kept in the session: 32 random bytes, base64url. */
export function newCsrfSecret(): string {
  return toBase64Url(randomBytes(SECRET_BYTES));
}

/**
 * The secret masked with a fresh one-time pad (BREACH mitigation): base64url of
 * `pad || secret XOR pad`, different in every response.
 */
export function maskCsrfSecret(secret: string): string {
  const plain = fromBase64(secret)!;
  const pad = randomBytes(plain.length);
  const out = new Uint8Array(plain.length * 2);
  out.set(pad);
  for (let i = 0; i < plain.length; i++) out[plain.length + i] = plain[i] ^ pad[i];
  return toBase64Url(out);
}

/** Whether a masked `token` carries `secret`, compared in constant time. */
export function csrfTokenMatches(token: string, secret: string): boolean {
  const plain = fromBase64(secret);
  const raw = token.length <= 200 ? fromBase64(token) : undefined;
  if (plain === undefined || raw === undefined || raw.length !== plain.length * 2) return false;
  const unmasked = new Uint8Array(plain.length);
  for (let i = 0; i < plain.length; i++) unmasked[i] = raw[plain.length + i] ^ raw[i];
  return timingSafeEqual(unmasked, plain);
}
