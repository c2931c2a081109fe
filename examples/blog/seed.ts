// First run: a few published posts, so that a new database shows something.
import type { App } from "@plinth/plinth";
import { slugify } from "./forms.ts";
import type { BlogModels } from "./models.ts";

const POSTS = [
  {
    title: "Welcome to the Plinth blog",
    tags: ["Plinth", "News"],
    body: "This blog is the example app of Plinth, a Deno web framework built on Django's " +
      "architecture.\n\nEvery page here is a Preact component rendered on the server; the like " +
      "button below is an island, hydrated in your browser.",
  },
  {
    title: "Models, migrations and queries",
    tags: ["Plinth", "Models"],
    body: "Posts, comments and tags are models. Their tables come from migrations that " +
      "`deno task manage makemigrations` wrote from the model definitions.\n\nLikes are one " +
      "UPDATE adding to the current value, so concurrent likes never get lost.",
  },
  {
    title: "Caching pages for anonymous visitors",
    tags: ["Cache"],
    body: "The home page is cached for visitors without a session, and every change to a post " +
      "invalidates it in every process, through Redis in production.",
  },
];

/**
 * Adds the example posts, written by a user `plinth` who cannot log in, when there are no posts
 * yet. Returns whether it did.
 */
export async function seed(app: App, { Post, Tag }: BlogModels): Promise<boolean> {
  if (await Post.objects.exists()) return false;
  await app.db.atomic(async () => {
    const author = await app.auth.userModel.objects.filter({ username: "plinth" }).first() ??
      await app.auth.createUser({ username: "plinth" }); // no password: cannot log in
    for (const [i, { title, body, tags }] of POSTS.entries()) {
      const post = await Post.objects.create({
        title,
        slug: slugify(title),
        body,
        published: true,
        authorId: author.id,
        createdAt: new Date(Date.now() - (POSTS.length - i) * 60_000),
      });
      const rows = [];
      for (const name of tags) {
        rows.push((await Tag.objects.getOrCreate({ slug: slugify(name) }, { name }))[0]);
      }
      await Post.related(post, "tags").set(rows);
    }
  });
  return true;
}
