// The blog's forms: only their declared fields are read from a submission.
import { defineForm, field } from "@plinth/plinth/templating";

/** A post in the staff area. Tags are names separated by commas; the slug defaults to the title's. */
export const postForm = defineForm({
  fields: {
    title: field.text({ maxLength: 200 }),
    slug: field.text({ required: false, maxLength: 200, label: "Slug (from the title if empty)" }),
    body: field.text({ multiline: true, maxLength: 20_000 }),
    tags: field.text({ required: false, maxLength: 500, label: "Tags (separated by commas)" }),
    published: field.boolean(),
  },
  validate(data) {
    const slug = data.slug ?? slugify(data.title);
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
      return { slug: "Use lowercase letters, digits and single hyphens." };
    }
    if (tagNames(data.tags).some((name) => slugify(name) === "")) {
      return { tags: "Each tag needs a letter or a digit." };
    }
  },
});

/** A comment under a post. */
export const commentForm = defineForm({
  fields: { body: field.text({ multiline: true, maxLength: 2_000, label: "Comment" }) },
});

/** The login form. */
export const loginForm = defineForm({
  fields: {
    username: field.text({ maxLength: 150 }),
    password: field.password({ maxLength: 4096 }),
  },
});

/** A URL slug from any text: "Hello, World!" → "hello-world". */
export function slugify(text: string): string {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 200).replace(/-+$/, "");
}

/** The distinct tag names of a comma-separated list, each as first written. */
export function tagNames(text: string | undefined): string[] {
  const names = new Map<string, string>();
  for (const part of (text ?? "").split(",")) {
    const name = part.trim();
    if (name !== "" && !names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  }
  return [...names.values()];
}
