import assert from "node:assert/strict";
import { ContentSecurityPolicy } from "./_csp.ts";

Deno.test("the default policy allows only same-origin scripts, and a nonce when asked", () => {
  const csp = new ContentSecurityPolicy();
  assert.match(csp.plain, /^default-src 'self'; script-src 'self'; style-src/);
  assert.match(csp.plain, /object-src 'none'; base-uri 'self'; form-action 'self'/);
  assert.match(csp.plain, /frame-ancestors 'none'$/);
  assert.equal(
    csp.withNonce("abc"),
    csp.plain.replace("script-src 'self'", "script-src 'self' 'nonce-abc'"),
  );
});

Deno.test("directives can be replaced, removed and added", () => {
  const csp = new ContentSecurityPolicy({
    "img-src": ["'self'", "https://cdn.example"],
    "frame-ancestors": false,
    "script-src": ["'self'", "https://js.example"],
    "upgrade-insecure-requests": [],
  });
  assert.match(csp.plain, /img-src 'self' https:\/\/cdn\.example/);
  assert.doesNotMatch(csp.plain, /frame-ancestors/);
  assert.match(csp.plain, /; upgrade-insecure-requests$/);
  assert.match(csp.withNonce("n"), /script-src 'self' https:\/\/js\.example 'nonce-n';/);
});

Deno.test("malformed policies fail at construction with what to do", () => {
  assert.throws(
    () => new ContentSecurityPolicy({ "script-src": false }),
    /Cannot remove CSP directive "script-src"/,
  );
  assert.throws(
    () => new ContentSecurityPolicy({ "img-src": ["'self'; script-src *"] }),
    /one source per item/,
  );
  assert.throws(() => new ContentSecurityPolicy({ "Img Src": [] }), /lowercase directive name/);
});
