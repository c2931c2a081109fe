import { encodeUtf8, fromBase64, timingSafeEqual, toBase64 } from "./_bytes.ts";
import type { PasswordHasher } from "./password_hasher.ts";

/** Parameters of {@linkcode Pbkdf2Hasher}. */
export interface Pbkdf2Options {
  /** PBKDF2 iterations; default 1,200,000 (Django 6). */
  iterations?: number;
}

const ENCODED = /^pbkdf2_sha256\$(\d{1,9})\$([^$]{1,128})\$([A-Za-z0-9+/]+={0,2})$/;
const SALT_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const MAX_ITERATIONS = 100_000_000;

/**
 * PBKDF2-HMAC-SHA256 through Web Crypto (no dependency; derivation runs off the main thread),
 * encoded as Django's `PBKDF2PasswordHasher`: `pbkdf2_sha256$<iterations>$<salt>$<base64 hash>`.
 * Django user tables verify as they are; hashes with fewer iterations than configured report
 * {@linkcode Pbkdf2Hasher.needsUpdate}, so they are upgraded on the next login.
 *
 * @example Verifying a hash made elsewhere
 * ```ts
 * import { Pbkdf2Hasher } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * const hasher = new Pbkdf2Hasher();
 * const old = await new Pbkdf2Hasher({ iterations: 1000 }).encode("hunter2-but-longer");
 * assert.equal(await hasher.verify("hunter2-but-longer", old), true);
 * assert.equal(hasher.needsUpdate(old), true);
 * ```
 */
export class Pbkdf2Hasher implements PasswordHasher {
  /** Always `"pbkdf2_sha256"`, Django's name. */
  readonly algorithm = "pbkdf2_sha256";
  readonly #iterations: number;

  /**
   * Creates a hasher with the given iteration count.
   *
   * @param options The iteration count; 1,200,000 by default.
   * @throws {RangeError} For an iteration count that is not a positive whole number.
   */
  constructor(options: Pbkdf2Options = {}) {
    this.#iterations = options.iterations ?? 1_200_000;
    if (!Number.isInteger(this.#iterations) || this.#iterations < 1) {
      throw new RangeError("Cannot create Pbkdf2Hasher: iterations must be a positive integer");
    }
  }

  /** Hashes `password` with a fresh 22-character salt (about 131 bits, as Django's). */
  async encode(password: string): Promise<string> {
    const salt = randomSalt();
    const hash = await derive(password, salt, this.#iterations, 32);
    return `pbkdf2_sha256$${this.#iterations}$${salt}$${toBase64(hash)}`;
  }

  /** Whether `password` matches an encoded `pbkdf2_sha256` hash, whatever its iterations. */
  async verify(password: string, encoded: string): Promise<boolean> {
    const m = ENCODED.exec(encoded);
    if (m === null) return false;
    const iterations = Number(m[1]);
    const expected = fromBase64(m[3]);
    if (iterations < 1 || iterations > MAX_ITERATIONS || expected === undefined) return false;
    if (expected.length < 16 || expected.length > 64) return false;
    const hash = await derive(password, m[2], iterations, expected.length);
    return timingSafeEqual(hash, expected);
  }

  /** Whether `encoded` uses another iteration count than this hasher's. */
  needsUpdate(encoded: string): boolean {
    const m = ENCODED.exec(encoded);
    return m === null || Number(m[1]) !== this.#iterations;
  }
}

async function derive(
  password: string,
  salt: string,
  iterations: number,
  length: number,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encodeUtf8(password), "PBKDF2", false, [
    "deriveBits",
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: encodeUtf8(salt), iterations },
    key,
    length * 8,
  );
  return new Uint8Array(bits);
}

function randomSalt(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(22));
  // 62 symbols: reject bytes >= 248 to keep the choice uniform.
  let salt = "";
  for (const byte of bytes) salt += byte < 248 ? SALT_CHARS[byte % 62] : "";
  return salt.length === 22 ? salt : salt + randomSalt().slice(salt.length);
}
