// A form bound to a model's validation (Django's ModelForm): the form reads only its declared
// fields, the model's validators judge them, and the page re-renders with values and messages.
import assert from "node:assert/strict";
import { App } from "@plinth/plinth";
import { defineModel, field as modelField, ValidationError } from "@plinth/plinth/model";
import { defineForm, Field, field, Form, templating } from "@plinth/plinth/templating";

const Post = defineModel("Post", {
  title: modelField.text({ maxLength: 12 }),
  slug: modelField.slug({ unique: true }),
});

const postForm = defineForm({
  fields: { title: field.text(), slug: field.text() },
  validate(data) {
    try {
      Post.validate(data);
    } catch (error) {
      if (error instanceof ValidationError) return error.fields;
      throw error;
    }
  },
});

function app(): App {
  const app = new App({ env: "test" }).register(templating());
  app.post("/posts", async (ctx) => {
    const result = await postForm.parse(ctx);
    if (result.ok) return ctx.json(result.data, 201);
    return ctx.render(
      <Form of={postForm} values={result.values} errors={result.errors}>
        <Field name="title" />
        <Field name="slug" />
      </Form>,
      { status: 422 },
    );
  });
  return app;
}

Deno.test("a form bound to a model's validation keeps values and shows the model's messages", async () => {
  const res = await app().request("/posts", {
    method: "POST",
    body: new URLSearchParams({ title: "A title far too long", slug: "not a slug!", admin: "1" }),
  });
  assert.equal(res.status, 422);
  const html = await res.text();
  assert.match(html, /value="A title far too long"/);
  assert.match(html, /at most 12 characters/);
  assert.match(html, /value="not a slug!"/);
  assert.doesNotMatch(html, /admin/);
});

Deno.test("a valid submission passes the model's validation and yields only declared fields", async () => {
  const res = await app().request("/posts", {
    method: "POST",
    body: new URLSearchParams({ title: "Short", slug: "short", isStaff: "true" }),
  });
  assert.equal(res.status, 201);
  assert.deepEqual(await res.json(), { title: "Short", slug: "short" });
});
