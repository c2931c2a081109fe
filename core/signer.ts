const encoder = new TextEncoder();

/**
 * HMAC-SHA256 signatures through Web Crypto, with key rotation: the first secret signs, every
 * secret verifies. Signatures are base64url without padding.
 *
 * @example Signing and verifying
 * ```ts
 * import { Signer } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * const signer = new Signer(["a-long-random-secret-of-32-characters!"]);
 * const signature = await signer.sign("user=7");
 * assert.equal(await signer.verify("user=7", signature), true);
 * assert.equal(await signer.verify("user=8", signature), false);
 * ```
 */
export class Signer {
  readonly #secrets: readonly string[];
  #keys: Promise<CryptoKey[]> | undefined;

  /**
   * Creates a signer; keys are imported on first use.
   *
   * @param secrets Secrets, newest first.
   * @throws {TypeError} When no secret is given.
   */
  constructor(secrets: readonly string[]) {
    if (secrets.length === 0) throw new TypeError("Cannot create Signer: give at least one secret");
    this.#secrets = [...secrets];
  }

  /** Signs `data` with the newest secret. */
  async sign(data: string): Promise<string> {
    const [key] = await this.#importKeys();
    const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(data));
    return toBase64Url(new Uint8Array(mac));
  }

  /** Whether `signature` was made for `data` with any of the secrets (constant-time compare). */
  async verify(data: string, signature: string): Promise<boolean> {
    const mac = fromBase64Url(signature);
    if (mac === undefined || mac.byteLength !== 32) return false;
    const bytes = encoder.encode(data);
    for (const key of await this.#importKeys()) {
      if (await crypto.subtle.verify("HMAC", key, mac, bytes)) return true;
    }
    return false;
  }

  #importKeys(): Promise<CryptoKey[]> {
    return this.#keys ??= Promise.all(this.#secrets.map((secret) =>
      crypto.subtle.importKey(
        "raw",
        encoder.encode(secret),
        { name: "HMAC", hash: "SHA-256" },
        false,
        ["sign", "verify"],
      )
    ));
  }
}

function toBase64Url(bytes: Uint8Array): string {
  return bytes.toBase64({ alphabet: "base64url", omitPadding: true });
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    return Uint8Array.fromBase64(text, { alphabet: "base64url" });
  } catch {
    return undefined;
  }
}
