import assert from "node:assert/strict";
import { type Argon2Job, deriveArgon2 } from "./_argon2.ts";
import { Argon2Pool } from "./_argon2_pool.ts";

function job(password: string): Argon2Job {
  return {
    password: new TextEncoder().encode(password),
    salt: new TextEncoder().encode("PlinthPoolSalt16"),
    memory: 64,
    iterations: 1,
    parallelism: 1,
    length: 32,
  };
}

Deno.test("Argon2Pool derives on at most `size` worker threads what the calling thread would", async () => {
  const pool = new Argon2Pool(2);
  const passwords = ["one", "two", "three", "four", "five"];
  const hashes = await Promise.all(passwords.map((p) => pool.derive(job(p))));
  assert.equal(pool.threads, 2);
  for (const [i, password] of passwords.entries()) {
    assert.deepEqual(hashes[i], await deriveArgon2(job(password)), password);
  }
});

Deno.test("Argon2Pool rejects a job the worker cannot hash and goes on with the next", async () => {
  const pool = new Argon2Pool(1);
  await assert.rejects(pool.derive({ ...job("x"), length: 1 }), /Cannot hash the password/);
  assert.deepEqual(await pool.derive(job("y")), await deriveArgon2(job("y")));
  assert.equal(pool.threads, 1);
});

Deno.test("Argon2Pool hashes on the calling thread when its workers fail", async () => {
  const exits = 'data:text/javascript,import process from "node:process"; process.exit(1)';
  const pool = new Argon2Pool(2, new URL(exits));
  const hashes = await Promise.all([pool.derive(job("a")), pool.derive(job("b"))]);
  assert.deepEqual(hashes, [await deriveArgon2(job("a")), await deriveArgon2(job("b"))]);
  assert.equal(pool.threads, 0);
});
