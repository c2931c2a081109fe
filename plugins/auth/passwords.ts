import { HttpError } from "../../core/mod.ts";
import { encodeUtf8, randomBytes, toBase64Url } from "./_bytes.ts";
import { Argon2Hasher } from "./argon2_hasher.ts";
import type { PasswordHasher } from "./password_hasher.ts";
import { Pbkdf2Hasher } from "./pbkdf2_hasher.ts";
import { Semaphore } from "./_semaphore.ts";

/** Options of {@linkcode Passwords}. */
export interface PasswordsOptions {
  /**
   * The hashers: the first hashes new passwords, every one verifies. Default: argon2id with
   * OWASP's parameters, then PBKDF2-SHA256 at 1,200,000 iterations.
   */
  hashers?: readonly PasswordHasher[];
  /** Hashes computed at once; default 2. */
  concurrency?: number;
  /** Hashes queued beyond those; more are refused with 503; default 32. */
  maxWaiting?: number;
}

/** What {@linkcode Passwords.verify} found. */
export interface Verdict {
  /** Whether the password matches. */
  readonly valid: boolean;
  /** Whether the hash should be replaced by a fresh one (set only when valid). */
  readonly upgrade: boolean;
}

/** The longest password accepted, in UTF-8 bytes. */
export const MAX_PASSWORD_BYTES = 4096;

const UNUSABLE = "!";

/**
 * Hashes and checks passwords with a list of {@linkcode PasswordHasher}s (Django's
 * `PASSWORD_HASHERS`): new hashes use the first, old ones verify with whichever matches their
 * prefix and are flagged for an upgrade. Passwords over 4 KiB are refused with 400 before any
 * hashing; hashing is bounded (`concurrency`, `maxWaiting`) so that a login flood answers 503
 * instead of starving other requests; checking a missing hash still runs one hash, so that an
 * unknown user takes as long as a wrong password.
 *
 * @example Hashing, verifying, upgrading
 * ```ts
 * import { Argon2Hasher, Passwords, Pbkdf2Hasher } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * const passwords = new Passwords({
 *   hashers: [new Argon2Hasher({ memoryKiB: 64, iterations: 1 }), new Pbkdf2Hasher()],
 * });
 * const encoded = await passwords.hash("a long passphrase");
 * assert.deepEqual(await passwords.verify("a long passphrase", encoded), {
 *   valid: true,
 *   upgrade: false,
 * });
 * assert.equal((await passwords.verify("wrong", encoded)).valid, false);
 * assert.equal((await passwords.verify("anything", undefined)).valid, false);
 * ```
 */
export class Passwords {
  readonly #hashers: readonly PasswordHasher[];
  readonly #gate: Semaphore;
  #dummy: Promise<string> | undefined;

  /**
   * Creates a password service.
   *
   * @param options Hashers and concurrency bounds; see {@linkcode PasswordsOptions}.
   * @throws {RangeError} For an empty hasher list or bounds that are not whole numbers.
   */
  constructor(options: PasswordsOptions = {}) {
    this.#hashers = options.hashers ?? [new Argon2Hasher(), new Pbkdf2Hasher()];
    const concurrency = options.concurrency ?? 2;
    const maxWaiting = options.maxWaiting ?? 32;
    if (this.#hashers.length === 0) {
      throw new RangeError("Cannot create Passwords: give at least one hasher");
    }
    if (!Number.isInteger(concurrency) || concurrency < 1 || !Number.isInteger(maxWaiting)) {
      throw new RangeError(
        "Cannot create Passwords: concurrency must be >= 1 and maxWaiting a whole number",
      );
    }
    this.#gate = new Semaphore(concurrency, maxWaiting);
  }

  /** The hasher new passwords are hashed with. */
  get preferred(): PasswordHasher {
    return this.#hashers[0];
  }

  /**
   * Hashes `password` with the preferred hasher.
   *
   * @throws {HttpError} 400 for a password over 4 KiB, 503 when too many hashes are queued.
   */
  async hash(password: string): Promise<string> {
    checkLength(password);
    return await this.#gate.run(() => this.preferred.encode(password));
  }

  /**
   * Checks `password` against an encoded hash. A missing, unusable or unknown-format hash runs
   * the preferred hasher once anyway and is never valid.
   *
   * @throws {HttpError} 400 for a password over 4 KiB, 503 when too many hashes are queued.
   */
  async verify(password: string, encoded: string | null | undefined): Promise<Verdict> {
    checkLength(password);
    const hasher = encoded
      ? this.#hashers.find((h) => encoded.startsWith(`${h.algorithm}$`))
      : undefined;
    if (hasher === undefined || encoded == null) {
      const dummy = await (this.#dummy ??= this.#gate.run(() => this.preferred.encode("dummy")));
      await this.#gate.run(() => this.preferred.verify(password, dummy));
      return { valid: false, upgrade: false };
    }
    const valid = await this.#gate.run(() => hasher.verify(password, encoded));
    const upgrade = valid && (hasher !== this.preferred || hasher.needsUpdate(encoded));
    return { valid, upgrade };
  }

  /** A value for the password column that no password matches (Django's unusable password). */
  unusable(): string {
    return UNUSABLE + toBase64Url(randomBytes(30));
  }

  /** Whether `encoded` is a hash some password could match. */
  isUsable(encoded: string | null | undefined): boolean {
    return typeof encoded === "string" && !encoded.startsWith(UNUSABLE) &&
      this.#hashers.some((h) => encoded.startsWith(`${h.algorithm}$`));
  }
}

function checkLength(password: string): void {
  // A UTF-8 byte is at most 3 per UTF-16 unit: skip encoding when the answer is certain.
  if (password.length * 3 <= MAX_PASSWORD_BYTES) return;
  if (password.length > MAX_PASSWORD_BYTES || encodeUtf8(password).length > MAX_PASSWORD_BYTES) {
    throw new HttpError(400, `Password is longer than ${MAX_PASSWORD_BYTES} bytes`);
  }
}
