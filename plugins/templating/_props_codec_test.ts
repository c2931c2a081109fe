import assert from "node:assert/strict";
import { decodeProps, encodeProps, scriptJson } from "./_props_codec.ts";

function roundTrip(props: Record<string, unknown>): unknown {
  return decodeProps(JSON.parse(JSON.stringify(encodeProps(props, "Test"))));
}

Deno.test("island props survive the trip with Dates, Maps, Sets, BigInts and odd numbers", () => {
  const props = {
    when: new Date("2024-02-29T12:00:00Z"),
    tags: new Set(["a", "b"]),
    scores: new Map<unknown, unknown>([["ann", 3], [1, new Date(0)]]),
    big: 12345678901234567890n,
    missing: undefined,
    odd: [NaN, Infinity, -Infinity, 0],
    nested: { list: [{ deep: true }], none: null },
  };
  assert.deepEqual(roundTrip(props), props);
});

Deno.test("objects that use the tag key themselves come back as they were", () => {
  const props = { data: { $t: "Date", v: "2024-01-01" }, __proto__key: { ["__proto__"]: 1 } };
  const back = roundTrip(props) as Record<string, Record<string, unknown>>;
  assert.deepEqual(back.data, { $t: "Date", v: "2024-01-01" });
  assert.equal(Object.getPrototypeOf(back.__proto__key), Object.prototype);
  assert.equal(Object.hasOwn(back.__proto__key, "__proto__"), true);
});

Deno.test("encodeProps refuses what cannot reach the browser, naming the prop", () => {
  assert.throws(
    () => encodeProps({ onClick: () => {} }, "Button"),
    /Cannot send prop "onClick" of island "Button": functions cannot be sent/,
  );
  assert.throws(
    () => encodeProps({ items: [{ at: new URL("https://x.test") }] }, "List"),
    /prop "items\[0\]\.at" of island "List": class instances/,
  );
  const element = { type: "b", props: {}, constructor: Symbol.for("pv") };
  assert.throws(() => encodeProps({ children: element }, "Card"), /JSX elements cannot be sent/);
  const loop: Record<string, unknown> = {};
  loop.self = loop;
  assert.throws(() => encodeProps({ loop }, "Loop"), /prop "loop\.self" .*refers to itself/);
});

Deno.test("scriptJson leaves nothing that can end a script element or break old parsers", () => {
  const text = scriptJson({ s: "</script><!-- & \u2028\u2029 >" });
  assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
  assert.equal(text, '{"s":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 \\u003e"}');
  assert.deepEqual(JSON.parse(text), { s: "</script><!-- & \u2028\u2029 >" });
});
