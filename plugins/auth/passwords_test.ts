import assert from "node:assert/strict";
import { HttpError } from "../../core/mod.ts";
import type { PasswordHasher } from "./password_hasher.ts";
import { Passwords } from "./passwords.ts";
import { Pbkdf2Hasher } from "./pbkdf2_hasher.ts";

/** A hasher that counts its work and can be held until released. */
function countingHasher(algorithm = "plain") {
  const calls = { encode: 0, verify: 0 };
  let gate: Promise<void> = Promise.resolve();
  const hasher: PasswordHasher & { calls: typeof calls; hold(): () => void } = {
    algorithm,
    calls,
    async encode(password) {
      calls.encode++;
      await gate;
      return `${algorithm}$${password}`;
    },
    async verify(password, encoded) {
      calls.verify++;
      await gate;
      return encoded === `${algorithm}$${password}`;
    },
    needsUpdate: () => false,
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => release = resolve);
      return release;
    },
  };
  return hasher;
}

Deno.test("Passwords.verify flags a valid hash of an older hasher for an upgrade", async () => {
  const preferred = countingHasher();
  const old = await new Pbkdf2Hasher({ iterations: 1000 }).encode("secret");
  const passwords = new Passwords({ hashers: [preferred, new Pbkdf2Hasher({ iterations: 1000 })] });
  assert.deepEqual(await passwords.verify("secret", old), { valid: true, upgrade: true });
  assert.deepEqual(await passwords.verify("wrong", old), { valid: false, upgrade: false });
  assert.deepEqual(await passwords.verify("secret", "plain$secret"), {
    valid: true,
    upgrade: false,
  });
});

Deno.test("Passwords.verify still hashes once for a missing or unusable hash", async () => {
  const hasher = countingHasher();
  const passwords = new Passwords({ hashers: [hasher] });
  for (const missing of [undefined, null, "", passwords.unusable(), "md5$abc$def"]) {
    const before = hasher.calls.verify;
    assert.deepEqual(await passwords.verify("guess", missing), { valid: false, upgrade: false });
    assert.equal(hasher.calls.verify, before + 1);
  }
  assert.equal(passwords.isUsable(passwords.unusable()), false);
  assert.equal(passwords.isUsable("plain$x"), true);
});

Deno.test("Passwords refuses a password over 4 KiB with 400 before hashing", async () => {
  const hasher = countingHasher();
  const passwords = new Passwords({ hashers: [hasher] });
  const long = "é".repeat(2049); // 4098 bytes in UTF-8
  await assert.rejects(
    () => passwords.verify(long, "plain$x"),
    (e) => e instanceof HttpError && e.status === 400,
  );
  await assert.rejects(
    () => passwords.hash("x".repeat(4097)),
    (e) => e instanceof HttpError && e.status === 400,
  );
  assert.deepEqual(hasher.calls, { encode: 0, verify: 0 });
  assert.equal((await passwords.verify("x".repeat(4096), "plain$x")).valid, false);
});

Deno.test("Passwords bounds concurrent hashing and answers 503 when the queue is full", async () => {
  const hasher = countingHasher();
  const passwords = new Passwords({ hashers: [hasher], concurrency: 1, maxWaiting: 1 });
  const release = hasher.hold();
  const first = passwords.hash("a");
  const second = passwords.hash("b");
  await assert.rejects(() => passwords.hash("c"), (e) => {
    return e instanceof HttpError && e.status === 503 && e.headers.get("retry-after") === "1";
  });
  assert.equal(hasher.calls.encode, 1);
  release();
  assert.deepEqual(await Promise.all([first, second]), ["plain$a", "plain$b"]);
});
