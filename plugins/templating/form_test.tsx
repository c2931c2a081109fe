import assert from "node:assert/strict";
import { testApp } from "../../core/testing/mod.ts";
import { defineForm, Field, field, Form, FormErrors, templating } from "./mod.ts";

const signUp = defineForm({
  fields: {
    name: field.text({ maxLength: 20 }),
    email: field.email(),
    password: field.password({ minLength: 8 }),
    age: field.integer({ min: 13, required: false }),
    plan: field.choice(["free", "pro"]),
    bio: field.text({ multiline: true, required: false }),
    terms: field.boolean({ required: true }),
  },
  validate(data) {
    if (data.name === "admin") return { name: "That name is taken", __all__: ["Try again"] };
    if (data.plan === "pro" && data.age !== undefined && data.age < 18) {
      return { plan: ["Pro needs an adult"], billing: "Card declined" };
    }
  },
});

function post(body: Record<string, string>): RequestInit {
  return { method: "POST", body: new URLSearchParams(body) };
}

const valid = {
  name: " Ann ",
  email: "ann@example.com",
  password: " secret password ",
  age: "",
  plan: "free",
  terms: "on",
};

Deno.test("parse returns typed data of the declared fields only", async () => {
  const result = await signUp.parse(new URLSearchParams({ ...valid, is_admin: "1" }));
  assert.deepEqual(result, {
    ok: true,
    data: {
      name: "Ann",
      email: "ann@example.com",
      password: " secret password ",
      age: undefined,
      plan: "free",
      bio: undefined,
      terms: true,
    },
  });
  if (result.ok) {
    const age: number | undefined = result.data.age;
    const plan: "free" | "pro" = result.data.plan;
    assert.equal(age ?? plan, "free");
  }
});

Deno.test("parse reports every field's problem and keeps the values but passwords", async () => {
  const result = await signUp.parse(
    new URLSearchParams({ name: "", email: "nope", password: "short", age: "x", plan: "gold" }),
  );
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.deepEqual(result.errors, {
    name: ["This field is required."],
    email: ["Enter a valid email address."],
    password: ["Ensure this value has at least 8 characters (it has 5)."],
    age: ["Enter a whole number."],
    plan: ["Select a valid choice. gold is not one of the available choices."],
    terms: ["This field is required."],
  });
  assert.deepEqual(result.values, {
    name: "",
    email: "nope",
    password: "",
    age: "x",
    plan: "gold",
    bio: "",
    terms: "",
  });
});

Deno.test("the validate hook adds messages for fields and for the form", async () => {
  const taken = await signUp.parse(new URLSearchParams({ ...valid, name: "admin" }));
  assert.equal(taken.ok, false);
  if (!taken.ok) {
    assert.deepEqual(taken.errors, { name: ["That name is taken"], __all__: ["Try again"] });
  }
  const young = await signUp.parse(new URLSearchParams({ ...valid, age: "15", plan: "pro" }));
  assert.equal(young.ok, false);
  if (!young.ok) {
    assert.deepEqual(young.errors, {
      plan: ["Pro needs an adult"],
      __all__: ["billing: Card declined"],
    });
  }
});

Deno.test("files are refused where text is declared", async () => {
  const form = new FormData();
  form.set("name", new File(["x"], "x.txt"));
  const result = await defineForm({ fields: { name: field.text() } }).parse(form);
  assert.deepEqual(result, {
    ok: false,
    errors: { name: ["Send text, not a file."] },
    values: { name: "" },
  });
});

Deno.test("bad field names fail when the form is defined", () => {
  assert.throws(
    () => defineForm({ fields: { ["__proto__"]: field.text() } }),
    /Cannot define form field "__proto__"/,
  );
  assert.throws(() => defineForm({ fields: { "a b": field.text() } }), /Cannot define form field/);
});

function signUpApp(csrfToken?: string) {
  const app = testApp().register(templating());
  app.post("/signup", async (ctx) => {
    if (csrfToken !== undefined) Object.assign(ctx.state, { csrfToken });
    const result = await signUp.parse(ctx);
    if (result.ok) return ctx.redirect("/welcome");
    return ctx.render(
      <Form of={signUp} values={result.values} errors={result.errors} action="/signup">
        <FormErrors />
        <Field name="name" />
        <Field name="email" autocomplete="email" />
        <Field name="password" />
        <Field name="age" label="Your age" />
        <Field name="plan" />
        <Field name="bio" />
        <Field name="terms" />
        <button type="submit">Sign up</button>
      </Form>,
      { status: 422 },
    );
  });
  return app;
}

Deno.test("a failed form renders again with its values, messages and CSRF field", async () => {
  const app = signUpApp("tok<en>");
  const res = await app.request(
    "/signup",
    post({ ...valid, name: "admin", email: '"><script>x</script>', password: "hunter22" }),
  );
  assert.equal(res.status, 422);
  const html = await res.text();
  assert.match(html, /<form method="post" action="\/signup">/);
  assert.match(html, /<input type="hidden" name="csrf_token" value="tok&lt;en>">/);
  assert.match(html, /value="&quot;>&lt;script>x&lt;\/script>"/);
  assert.match(html, /<li>Enter a valid email address.<\/li>/);
  assert.match(html, /aria-describedby="id_email_errors"/);
  assert.match(html, /<input type="password" value id="id_password"/);
  assert.doesNotMatch(html, /hunter22/);
  assert.match(html, /<label for="id_age">Your age<\/label><input type="number" value id="id_age"/);
  assert.match(html, /<option value="free" selected>free<\/option><option value="pro">pro/);
  assert.match(html, /<textarea id="id_bio" name="bio"><\/textarea>/);
  assert.match(html, /<input type="checkbox" checked id="id_terms" name="terms" required\/>/);
});

Deno.test("a valid form goes on; without auth no CSRF field is rendered", async () => {
  const app = signUpApp();
  const ok = await app.request("/signup", post(valid));
  assert.equal(ok.status, 302);
  const bad = await (await app.request("/signup", post({}))).text();
  assert.doesNotMatch(bad, /csrf_token/);
});

Deno.test("Field says which names the form declares", async () => {
  const app = testApp().register(templating({ errorPage: false }));
  let failure: unknown;
  app.onError((error) => {
    failure = error;
    return new Response(null, { status: 500 });
  });
  app.get("/", (ctx) =>
    ctx.render(
      <Form of={signUp}>
        <Field name="nmae" />
      </Form>,
    ));
  await app.request("/");
  assert.match(String(failure), /Cannot render field "nmae": the form declares name, email/);
});
