// The staff area: list, create, edit, publish and delete posts. Every route needs a staff user.
import { type Context, HttpError, Router } from "@plinth/plinth";
import { requireStaff } from "@plinth/plinth/auth";
import type { FieldErrors } from "@plinth/plinth/templating";
import { postForm } from "../forms.ts";
import type { BlogModels, PostRow } from "../models.ts";
import { PostEditor, StaffPosts } from "../pages/staff.tsx";
import { deletePost, savePost } from "../posts.ts";

/** The staff area's routes, to mount with the namespace `staff`. */
export function staff(models: BlogModels): Router {
  const { Post } = models;
  const router = new Router().use(requireStaff());

  async function postOf(ctx: Context): Promise<PostRow> {
    if (!/^\d{1,15}$/.test(ctx.params.id)) throw new HttpError(404, "No such post");
    return await Post.objects.get({ id: Number(ctx.params.id) });
  }

  /** Saves a submitted post, or shows the editor again with the messages in place. */
  async function submit(ctx: Context, title: string, post?: PostRow): Promise<Response> {
    const result = await postForm.parse(ctx);
    if (!result.ok) {
      return ctx.render(<PostEditor title={title} {...result} />, { status: 400 });
    }
    try {
      await savePost(ctx, models, result.data, post ? { post } : undefined);
    } catch (error) {
      const fields = error instanceof HttpError ? error.details?.fields : undefined;
      if (fields === undefined) throw error;
      const errors = fields as FieldErrors<typeof postForm.fields>;
      return ctx.render(<PostEditor title={title} values={result.data} errors={errors} />, {
        status: 400,
      });
    }
    return ctx.redirect(ctx.app.url("staff:posts"), { status: 303 });
  }

  router.get("/", async (ctx) => {
    return ctx.render(<StaffPosts posts={await Post.objects.all()} />);
  }, { name: "posts" });

  router.get("/posts/new", (ctx) => ctx.render(<PostEditor title="New post" />), {
    name: "new",
  });
  router.post("/posts/new", (ctx) => submit(ctx, "New post"));

  router.get("/posts/:id/edit", async (ctx) => {
    const post = await postOf(ctx);
    const tags = await Post.related(post, "tags").objects.all() as { name: string }[];
    const values = { ...post, tags: tags.map((tag) => tag.name).join(", ") };
    return ctx.render(<PostEditor title={`Edit “${post.title}”`} values={values} />);
  }, { name: "edit" });
  router.post("/posts/:id/edit", async (ctx) => {
    const post = await postOf(ctx);
    return await submit(ctx, `Edit “${post.title}”`, post);
  });

  router.post("/posts/:id/publish", async (ctx) => {
    const post = await postOf(ctx);
    const published = (await ctx.body.form()).get("published") === "on";
    await savePost(
      ctx,
      models,
      { title: post.title, slug: post.slug, body: post.body, published },
      {
        post,
      },
    );
    return ctx.redirect(ctx.app.url("staff:posts"), { status: 303 });
  }, { name: "publish" });

  router.post("/posts/:id/delete", async (ctx) => {
    await deletePost(ctx, models, await postOf(ctx));
    return ctx.redirect(ctx.app.url("staff:posts"), { status: 303 });
  }, { name: "delete" });

  return router;
}
