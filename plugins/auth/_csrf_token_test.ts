import assert from "node:assert/strict";
import { csrfTokenMatches, maskCsrfSecret, newCsrfSecret } from "./_csrf_token.ts";

Deno.test("a masked CSRF token differs every time and matches only its secret", () => {
  const secret = newCsrfSecret();
  const [a, b] = [maskCsrfSecret(secret), maskCsrfSecret(secret)];
  assert.notEqual(a, b);
  assert.match(a, /^[A-Za-z0-9_-]{86}$/);
  assert.equal(csrfTokenMatches(a, secret), true);
  assert.equal(csrfTokenMatches(b, secret), true);
  assert.equal(csrfTokenMatches(a, newCsrfSecret()), false);
  assert.equal(csrfTokenMatches(secret, secret), false);
  assert.equal(csrfTokenMatches("", secret), false);
  const flipped = a.slice(0, 50) + (a[50] === "A" ? "B" : "A") + a.slice(51);
  assert.equal(csrfTokenMatches(flipped, secret), false);
  assert.equal(csrfTokenMatches("!".repeat(86), secret), false);
});
