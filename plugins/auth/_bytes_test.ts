import assert from "node:assert/strict";
import { fromBase64, toBase64, toBase64Url } from "./_bytes.ts";

Deno.test("base64 and base64url round-trip every length, padded or not", () => {
  for (let length = 0; length < 40; length++) {
    const bytes = crypto.getRandomValues(new Uint8Array(length));
    for (const text of [toBase64(bytes), toBase64(bytes, false), toBase64Url(bytes)]) {
      assert.deepEqual(fromBase64(text), bytes, text);
    }
  }
});

Deno.test("base64 encodings use their own alphabets and padding", () => {
  const bytes = new Uint8Array([0xfb, 0xff, 0xbf]);
  assert.equal(toBase64(bytes), "+/+/");
  assert.equal(toBase64Url(bytes), "-_-_");
  assert.equal(toBase64(new Uint8Array([97])), "YQ==");
  assert.equal(toBase64(new Uint8Array([97]), false), "YQ");
  assert.equal(toBase64Url(new Uint8Array([97])), "YQ");
});

Deno.test("malformed base64 decodes to undefined, never throws", () => {
  for (const text of ["a", "YQ===", "Y Q==", "YQ==\n", "+/-_", "YQ=a", "Y=Q=", "é", "YQ%3D"]) {
    assert.equal(fromBase64(text), undefined, JSON.stringify(text));
  }
});
