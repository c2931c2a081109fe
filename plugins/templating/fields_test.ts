import assert from "node:assert/strict";
import { field } from "./fields.ts";

Deno.test("text fields check their length in characters", () => {
  const name = field.text({ minLength: 2, maxLength: 3 });
  assert.deepEqual(name.parse("ab"), { ok: true, value: "ab" });
  assert.deepEqual(name.parse("💙💙"), { ok: true, value: "💙💙" });
  assert.deepEqual(name.parse("a"), {
    ok: false,
    error: "Ensure this value has at least 2 characters (it has 1).",
  });
  assert.equal(name.parse("abcd").ok, false);
  assert.deepEqual(name.attributes, { minlength: 2, maxlength: 3 });
});

Deno.test("email and url fields accept only what they say", () => {
  const email = field.email();
  assert.equal(email.parse("ann@example.com").ok, true);
  assert.deepEqual(email.parse("ann@"), { ok: false, error: "Enter a valid email address." });
  const url = field.url();
  assert.equal(url.parse("https://example.com/x").ok, true);
  for (const bad of ["javascript:alert(1)", "data:text/html,x", "/relative", "ftp://x.test"]) {
    assert.deepEqual(url.parse(bad), { ok: false, error: "Enter a valid URL." }, bad);
  }
});

Deno.test("numeric fields parse whole numbers and numbers within bounds", () => {
  const age = field.integer({ min: 0, max: 150 });
  assert.deepEqual(age.parse("42"), { ok: true, value: 42 });
  assert.deepEqual(age.parse("4.5"), { ok: false, error: "Enter a whole number." });
  assert.deepEqual(age.parse("0x10"), { ok: false, error: "Enter a whole number." });
  assert.deepEqual(age.parse("-1"), {
    ok: false,
    error: "Ensure this value is greater than or equal to 0.",
  });
  assert.equal(age.parse("151").ok, false);
  assert.equal(age.parse("99999999999999999999").ok, false);
  assert.deepEqual(age.attributes, { step: 1, min: 0, max: 150 });
  const price = field.number();
  assert.deepEqual(price.parse("1.5e2"), { ok: true, value: 150 });
  assert.deepEqual(price.parse("Infinity"), { ok: false, error: "Enter a number." });
});

Deno.test("choice fields accept only their values; checkboxes read ticked values", () => {
  const plan = field.choice({ free: "Free", pro: "Pro" });
  assert.deepEqual(plan.choices, [["free", "Free"], ["pro", "Pro"]]);
  assert.deepEqual(plan.parse("pro"), { ok: true, value: "pro" });
  assert.deepEqual(plan.parse("admin"), {
    ok: false,
    error: "Select a valid choice. admin is not one of the available choices.",
  });
  const terms = field.boolean();
  assert.equal(terms.required, false);
  assert.deepEqual(terms.parse("on"), { ok: true, value: true });
  assert.deepEqual(terms.parse("false"), { ok: true, value: false });
});
