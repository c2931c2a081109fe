import assert from "node:assert/strict";
import { Argon2Hasher } from "./argon2_hasher.ts";

// Made with hash-wasm's argon2id (the reference encoding, byte for byte what argon2-cffi writes)
// and Django's "argon2" prefix, salt "PlinthDjangoSalt", password "correct horse battery staple".
const DJANGO_DEFAULTS =
  "argon2$argon2id$v=19$m=19456,t=2,p=1$UGxpbnRoRGphbmdvU2FsdA$880hOmnKZTROGPkI+NNPTnBNqoHuWSNe9CDL+8rMXD8";
const DJANGO_CHEAP =
  "argon2$argon2id$v=19$m=64,t=1,p=1$UGxpbnRoRGphbmdvU2FsdA$k5lVY4UcCEQuGqeVKOLppg";

const cheap = () => new Argon2Hasher({ memoryKiB: 64, iterations: 1 });

Deno.test("Argon2Hasher with OWASP defaults encodes and verifies in Django's format", async () => {
  const hasher = new Argon2Hasher();
  assert.equal(await hasher.verify("correct horse battery staple", DJANGO_DEFAULTS), true);
  assert.equal(await hasher.verify("correct horse battery stapl", DJANGO_DEFAULTS), false);
  assert.equal(hasher.needsUpdate(DJANGO_DEFAULTS), false);
  const encoded = await hasher.encode("a new password");
  assert.match(
    encoded,
    /^argon2\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
  );
  assert.equal(await hasher.verify("a new password", encoded), true);
});

Deno.test("Argon2Hasher verifies hashes of other parameters and a 16-byte hash length", async () => {
  assert.equal(await cheap().verify("correct horse battery staple", DJANGO_CHEAP), true);
  assert.equal(new Argon2Hasher().needsUpdate(DJANGO_CHEAP), true);
});

Deno.test("Argon2Hasher salts every hash freshly", async () => {
  const [a, b] = [await cheap().encode("same"), await cheap().encode("same")];
  assert.notEqual(a, b);
});

Deno.test("Argon2Hasher refuses malformed encodings and memory bombs without hashing them", async () => {
  const bomb =
    "argon2$argon2id$v=19$m=99999999,t=2,p=1$UGxpbnRoRGphbmdvU2FsdA$k5lVY4UcCEQuGqeVKOLppg";
  for (const bad of ["", "argon2$argon2i$v=19$m=64,t=1,p=1$UGxp$k5lV", bomb, DJANGO_CHEAP + "$"]) {
    assert.equal(await cheap().verify("x", bad), false);
  }
});

Deno.test("Argon2Hasher refuses invalid parameters at construction", () => {
  assert.throws(() => new Argon2Hasher({ iterations: 0 }), RangeError);
  assert.throws(() => new Argon2Hasher({ memoryKiB: 4 }), RangeError);
});
