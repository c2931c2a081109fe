/**
 * A password hashing algorithm in Django's encoded format (`<algorithm>$...`), so that password
 * hashes move between Plinth and Django. {@linkcode Argon2Hasher} and {@linkcode Pbkdf2Hasher}
 * implement it; {@linkcode Passwords} chooses between them by the encoded string's prefix.
 *
 * @example A hasher's round trip
 * ```ts
 * import { Pbkdf2Hasher, type PasswordHasher } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * const hasher: PasswordHasher = new Pbkdf2Hasher({ iterations: 1000 });
 * const encoded = await hasher.encode("correct horse");
 * assert.ok(encoded.startsWith("pbkdf2_sha256$1000$"));
 * assert.equal(await hasher.verify("correct horse", encoded), true);
 * assert.equal(hasher.needsUpdate(encoded), false);
 * ```
 */
export interface PasswordHasher {
  /** The prefix of encoded hashes, such as `"argon2"` or `"pbkdf2_sha256"`. */
  readonly algorithm: string;
  /** Hashes `password` with a fresh random salt and this hasher's parameters. */
  encode(password: string): Promise<string>;
  /** Whether `password` matches `encoded`; `false` for a malformed string. */
  verify(password: string, encoded: string): Promise<boolean>;
  /** Whether `encoded` was made with other parameters than this hasher's current ones. */
  needsUpdate(encoded: string): boolean;
}
