import assert from "node:assert/strict";
import { decodeValue, encodeValue } from "./_codec.ts";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

Deno.test("safe integers without tags are stored as bare decimals that stores can increment", () => {
  assert.equal(text(encodeValue(42)), "42");
  assert.equal(text(encodeValue(-7)), "-7");
  assert.deepEqual(decodeValue(new TextEncoder().encode("1234")), { value: 1234 });
  assert.equal(text(encodeValue(1.5)), "[1.5]");
  assert.equal(text(encodeValue(2 ** 60)), `[${2 ** 60}]`);
});

Deno.test("tag names and versions travel with the value", () => {
  const decoded = decodeValue(encodeValue(5, ["posts"], ["v1"]));
  assert.deepEqual(decoded, { value: 5, tags: ["posts"], versions: ["v1"] });
});

Deno.test("plain objects with a $t key cannot pass for tagged values", () => {
  const sneaky = { $t: "bytes", v: "AAE=" };
  assert.deepEqual(decodeValue(encodeValue({ inner: sneaky })).value, { inner: sneaky });
  assert.deepEqual(decodeValue(encodeValue(sneaky)).value, sneaky);
});

Deno.test("a structure referenced twice is stored twice, a cycle is refused", () => {
  const shared = { n: 1 };
  assert.deepEqual(decodeValue(encodeValue([shared, shared])).value, [{ n: 1 }, { n: 1 }]);
  const cycle: unknown[] = [];
  cycle.push(cycle);
  assert.throws(() => encodeValue(cycle), /circular/);
});

Deno.test("bytes that are no cache entry are refused", () => {
  for (const junk of ["hello", "{}", "[]", "12a", ""]) {
    assert.throws(() => decodeValue(new TextEncoder().encode(junk)), SyntaxError, junk);
  }
  assert.throws(() => decodeValue(new Uint8Array([0xff, 0xfe])), TypeError);
  assert.throws(() => decodeValue(new TextEncoder().encode('[{"$t":"nope"}]')), SyntaxError);
});
