import assert from "node:assert/strict";
import { Pbkdf2Hasher } from "./pbkdf2_hasher.ts";

/** Django's pbkdf2_sha256 encoding, computed here independently with Web Crypto. */
async function djangoPbkdf2(password: string, salt: string, iterations: number): Promise<string> {
  const utf8 = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", utf8.encode(password), "PBKDF2", false, [
    "deriveBits",
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: utf8.encode(salt), iterations },
    key,
    256,
  );
  const hash = btoa(String.fromCharCode(...new Uint8Array(bits)));
  return `pbkdf2_sha256$${iterations}$${salt}$${hash}`;
}

Deno.test("Pbkdf2Hasher verifies a hash in Django's pbkdf2_sha256 format", async () => {
  const encoded = await djangoPbkdf2(
    "correct horse battery staple",
    "seasalt22charsLongXyZ1",
    1000,
  );
  const hasher = new Pbkdf2Hasher({ iterations: 1000 });
  assert.equal(await hasher.verify("correct horse battery staple", encoded), true);
  assert.equal(await hasher.verify("correct horse battery stapler", encoded), false);
});

Deno.test("Pbkdf2Hasher encodes as pbkdf2_sha256$iterations$salt$base64 with a 22-character salt", async () => {
  const encoded = await new Pbkdf2Hasher({ iterations: 1200 }).encode("pässwörd ☃");
  const [algorithm, iterations, salt, hash] = encoded.split("$");
  assert.equal(algorithm, "pbkdf2_sha256");
  assert.equal(iterations, "1200");
  assert.match(salt, /^[A-Za-z0-9]{22}$/);
  assert.equal(encoded, await djangoPbkdf2("pässwörd ☃", salt, 1200));
  assert.equal(hash.length, 44);
});

Deno.test("Pbkdf2Hasher defaults to 1,200,000 iterations and flags fewer for an update", async () => {
  const old = await djangoPbkdf2("secret", "abc", 100_000);
  const hasher = new Pbkdf2Hasher();
  assert.equal(hasher.needsUpdate(old), true);
  assert.equal(hasher.needsUpdate(old.replace("$100000$", "$1200000$")), false);
  assert.equal(await hasher.verify("secret", old), true);
});

Deno.test("Pbkdf2Hasher refuses malformed and absurd encodings without throwing", async () => {
  const hasher = new Pbkdf2Hasher({ iterations: 1000 });
  for (
    const bad of [
      "",
      "pbkdf2_sha256$",
      "pbkdf2_sha256$0$salt$AAAA",
      "pbkdf2_sha256$999999999$s$" + "A".repeat(44),
      "pbkdf2_sha256$1000$salt$not base64",
    ]
  ) {
    assert.equal(await hasher.verify("x", bad), false, bad);
    assert.equal(hasher.needsUpdate(bad), true);
  }
});

Deno.test("Pbkdf2Hasher refuses a non-positive iteration count", () => {
  assert.throws(() => new Pbkdf2Hasher({ iterations: 0 }), RangeError);
});
