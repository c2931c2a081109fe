import assert from "node:assert/strict";
import {
  commonPasswords,
  minimumLength,
  notNumeric,
  userAttributeSimilarity,
  validatePassword,
} from "./password_validators.ts";

Deno.test("minimumLength counts characters, not UTF-16 units", () => {
  assert.equal(minimumLength(3)("😀😀😀", {}), undefined);
  assert.notEqual(minimumLength(4)("😀😀😀", {}), undefined);
});

Deno.test("commonPasswords refuses listed passwords whatever their case, and extra ones", () => {
  const check = commonPasswords(["PlinthRocks"]);
  for (const p of ["123456", "QWERTY", "iloveyou", "plinthrocks"]) {
    assert.notEqual(check(p, {}), undefined, p);
  }
  assert.equal(check("quiet meadow lantern", {}), undefined);
});

Deno.test("notNumeric refuses digits only", () => {
  assert.notEqual(notNumeric()("0123456789", {}), undefined);
  assert.equal(notNumeric()("0123456789a", {}), undefined);
});

Deno.test("userAttributeSimilarity refuses the username and parts of the email", () => {
  const check = userAttributeSimilarity();
  assert.equal(
    check("Johnsmith", { username: "johnsmith" }),
    "This password is too similar to the username",
  );
  assert.equal(
    check("example1", { email: "ann@example.com" }),
    "This password is too similar to the email",
  );
  assert.equal(
    check("quiet meadow lantern", { username: "ann", email: "ann@example.com" }),
    undefined,
  );
  assert.equal(check("anything", { username: null }), undefined);
});

Deno.test("validatePassword accepts a long unrelated passphrase with the defaults", () => {
  assert.deepEqual(validatePassword("quiet meadow lantern", { username: "ann" }), []);
  assert.equal(validatePassword("ann12345", { username: "ann12345" }).length, 1);
});
