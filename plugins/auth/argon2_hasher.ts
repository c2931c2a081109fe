import { Argon2Pool } from "./_argon2_pool.ts";
import { encodeUtf8, fromBase64, randomBytes, timingSafeEqual, toBase64 } from "./_bytes.ts";
import type { PasswordHasher } from "./password_hasher.ts";

/** Parameters of {@linkcode Argon2Hasher}; the defaults are OWASP's for argon2id. */
export interface Argon2Options {
  /** Memory in KiB; default 19456 (19 MiB). */
  memoryKiB?: number;
  /** Passes over the memory; default 2. */
  iterations?: number;
  /** Lanes; default 1. */
  parallelism?: number;
}

const ENCODED =
  /^argon2\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;
const HASH_BYTES = 32;
const SALT_BYTES = 16;
/** Shared by every hasher: at most two hashes run at once anyway (see `Passwords`). */
const pool = new Argon2Pool(2);

/**
 * Argon2id through `hash-wasm` (WebAssembly, no extra permissions), encoded exactly as Django's
 * `Argon2PasswordHasher` does: `argon2$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>` with
 * unpadded base64. The default hasher of {@linkcode Passwords}. A hash takes tens to hundreds
 * of milliseconds at the default cost, so it runs on one of two worker threads shared by every
 * hasher (started on first use, never keeping the process alive): other requests go on in the
 * meantime. Where workers cannot run, hashing falls back to the calling thread.
 *
 * @example Hashing with cheap parameters (tests only)
 * ```ts
 * import { Argon2Hasher } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * const cheap = new Argon2Hasher({ memoryKiB: 64, iterations: 1 });
 * const encoded = await cheap.encode("s3cret-passphrase");
 * assert.match(encoded, /^argon2\$argon2id\$v=19\$m=64,t=1,p=1\$/);
 * assert.equal(await cheap.verify("s3cret-passphrase", encoded), true);
 * assert.equal(new Argon2Hasher().needsUpdate(encoded), true);
 * ```
 */
export class Argon2Hasher implements PasswordHasher {
  /** Always `"argon2"`, Django's name. */
  readonly algorithm = "argon2";
  readonly #memory: number;
  readonly #iterations: number;
  readonly #parallelism: number;

  /**
   * Creates a hasher with the given cost.
   *
   * @param options Memory, iterations and parallelism; OWASP's values by default.
   * @throws {RangeError} For parameters argon2 does not accept.
   */
  constructor(options: Argon2Options = {}) {
    this.#memory = options.memoryKiB ?? 19456;
    this.#iterations = options.iterations ?? 2;
    this.#parallelism = options.parallelism ?? 1;
    const valid = Number.isInteger(this.#memory) && Number.isInteger(this.#iterations) &&
      Number.isInteger(this.#parallelism) && this.#parallelism >= 1 && this.#iterations >= 1 &&
      this.#memory >= 8 * this.#parallelism;
    if (!valid) {
      throw new RangeError(
        "Cannot create Argon2Hasher: use whole numbers, iterations >= 1, parallelism >= 1 and " +
          "memoryKiB >= 8 x parallelism",
      );
    }
  }

  /** Hashes `password` with a fresh 16-byte salt. */
  async encode(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const hash = await this.#derive(password, salt, {
      memory: this.#memory,
      iterations: this.#iterations,
      parallelism: this.#parallelism,
      length: HASH_BYTES,
    });
    return `argon2$argon2id$v=19$m=${this.#memory},t=${this.#iterations},p=${this.#parallelism}$` +
      `${toBase64(salt, false)}$${toBase64(hash, false)}`;
  }

  /** Whether `password` matches an encoded argon2id hash, whatever its parameters. */
  async verify(password: string, encoded: string): Promise<boolean> {
    const parsed = parse(encoded);
    if (parsed === undefined) return false;
    const hash = await this.#derive(password, parsed.salt, {
      memory: parsed.memory,
      iterations: parsed.iterations,
      parallelism: parsed.parallelism,
      length: parsed.hash.length,
    });
    return timingSafeEqual(hash, parsed.hash);
  }

  /** Whether `encoded` is not an argon2id hash with this hasher's parameters. */
  needsUpdate(encoded: string): boolean {
    const parsed = parse(encoded);
    return parsed === undefined || parsed.memory !== this.#memory ||
      parsed.iterations !== this.#iterations || parsed.parallelism !== this.#parallelism ||
      parsed.hash.length !== HASH_BYTES;
  }

  async #derive(
    password: string,
    salt: Uint8Array,
    p: { memory: number; iterations: number; parallelism: number; length: number },
  ): Promise<Uint8Array> {
    return await pool.derive({ password: encodeUtf8(password), salt, ...p });
  }
}

interface Parsed {
  memory: number;
  iterations: number;
  parallelism: number;
  salt: Uint8Array;
  hash: Uint8Array;
}

const LIMITS = { memory: 4 * 1024 * 1024, iterations: 64, parallelism: 64 };

function parse(encoded: string): Parsed | undefined {
  const m = ENCODED.exec(encoded);
  if (m === null) return undefined;
  const [memory, iterations, parallelism] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const salt = fromBase64(m[4]);
  const hash = fromBase64(m[5]);
  // Stored hashes come from a database: refuse parameters that would exhaust the process.
  const sane = memory <= LIMITS.memory && iterations >= 1 && iterations <= LIMITS.iterations &&
    parallelism >= 1 && parallelism <= LIMITS.parallelism && memory >= 8 * parallelism;
  if (!sane || salt === undefined || salt.length < 8 || hash === undefined || hash.length < 4) {
    return undefined;
  }
  return { memory, iterations, parallelism, salt, hash };
}
