// The JSON API under /api/: posts (list with declared filters, ordering and pagination, detail,
// create, update, delete), likes as an atomic increment, and bearer tokens.
import { type Context, HttpError, Router } from "@plinth/plinth";
import { authenticate, createToken, requireLogin, requireStaff } from "@plinth/plinth/auth";
import { conditionalGet } from "@plinth/plinth/cache";
import { f } from "@plinth/plinth/model";
import { authorName, type BlogModels, type PostRow, type TagRow } from "../models.ts";
import { deletePost, type PostInput, savePost } from "../posts.ts";

/** Query parameters the list accepts, and the field lookup each maps to. Others are ignored. */
const FILTERS = {
  author: "author.username",
  tag: "tags.slug",
  search: "title__icontains",
} as const;

/** Orderings the list accepts. */
const ORDERINGS = new Set(["createdAt", "-createdAt", "title", "-title", "likes", "-likes"]);
const MAX_PAGE_SIZE = 50;

/** The API's routes, to mount at `/api` with the namespace `api`. */
export function api(models: BlogModels): Router {
  const { Post } = models;
  const router = new Router().use(conditionalGet());
  const loggedIn = requireLogin({ api: true });
  const staffOnly = requireStaff();

  function json(post: PostRow & { tags?: readonly TagRow[] }) {
    return {
      id: post.id,
      slug: post.slug,
      title: post.title,
      body: post.body,
      author: authorName(post),
      tags: post.tags?.map((tag) => tag.slug),
      published: post.published,
      likes: post.likes,
      createdAt: post.createdAt,
      updatedAt: post.updatedAt,
    };
  }

  function visible(ctx: Context) {
    return ctx.state.user?.isStaff ? Post.objects : Post.objects.filter({ published: true });
  }

  async function postOf(ctx: Context): Promise<PostRow> {
    const post = await visible(ctx).filter({ slug: ctx.params.slug }).first();
    if (post === undefined) throw new HttpError(404, "No such post");
    return post;
  }

  router.get("/posts", async (ctx) => {
    let posts = visible(ctx);
    for (const [param, lookup] of Object.entries(FILTERS)) {
      const value = ctx.query.get(param);
      if (value !== null && value !== "") posts = posts.filter({ [lookup]: value });
    }
    const published = ctx.query.get("published");
    if (published !== null) {
      if (published !== "true" && published !== "false") {
        throw new HttpError(400, "published must be true or false");
      }
      posts = posts.filter({ published: published === "true" });
    }
    const ordering = ctx.query.get("ordering") ?? "-createdAt";
    if (!ORDERINGS.has(ordering)) {
      throw new HttpError(400, `ordering must be one of ${[...ORDERINGS].join(", ")}`);
    }
    const page = positive(ctx, "page", 1, Infinity);
    const size = positive(ctx, "pageSize", 10, MAX_PAGE_SIZE);
    const count = await posts.count();
    const rows = await posts.orderBy(ordering, "-id").selectRelated("author")
      .prefetchRelated("tags").offset((page - 1) * size).limit(size).all();
    return ctx.json({
      count,
      page,
      pages: Math.max(1, Math.ceil(count / size)),
      results: rows.map((row) => json(row as Parameters<typeof json>[0])),
    });
  }, { name: "posts" });

  /** A post as the API shows it, with its author and tags. */
  async function detail(ctx: Context, slug: string) {
    const post = await visible(ctx).filter({ slug }).selectRelated("author")
      .prefetchRelated("tags").first();
    if (post === undefined) throw new HttpError(404, "No such post");
    return json(post as Parameters<typeof json>[0]);
  }

  router.get("/posts/:slug", async (ctx) => ctx.json(await detail(ctx, ctx.params.slug)), {
    name: "post",
  });

  router.post("/posts", loggedIn, staffOnly, async (ctx) => {
    const post = await savePost(ctx, models, postInput(await ctx.body.json()));
    return ctx.json(await detail(ctx, post.slug), {
      status: 201,
      headers: { location: ctx.app.url("api:post", { slug: post.slug }) },
    });
  });

  router.patch("/posts/:slug", loggedIn, staffOnly, async (ctx) => {
    const post = await postOf(ctx);
    const changes = postInput(await ctx.body.json(), post);
    const saved = await savePost(ctx, models, changes, { post });
    return ctx.json(await detail(ctx, saved.slug));
  });

  router.delete("/posts/:slug", loggedIn, staffOnly, async (ctx) => {
    await deletePost(ctx, models, await postOf(ctx));
    return new Response(null, { status: 204 });
  });

  router.post("/posts/:slug/like", loggedIn, async (ctx) => {
    const liked = Post.objects.filter({ slug: ctx.params.slug, published: true });
    // One UPDATE adding to the current value: concurrent likes all count.
    if (await liked.update({ likes: f("likes").add(1) }) === 0) {
      throw new HttpError(404, "No such post");
    }
    return ctx.json({ likes: (await liked.first())!.likes });
  }, { name: "like" });

  router.post("/tokens", async (ctx) => {
    const body = object(await ctx.body.json());
    const user = await authenticate(ctx, { username: body.username, password: body.password });
    if (user === undefined) throw new HttpError(401, "Wrong username or password");
    return ctx.json({ token: await createToken(ctx.auth, user, "api") }, 201);
  }, { name: "tokens", meta: { csrfExempt: true } });

  return router;
}

function positive(ctx: Context, name: string, fallback: number, max: number): number {
  const raw = ctx.query.get(name);
  if (raw === null) return fallback;
  const value = /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
  if (value < 1 || value > max) {
    throw new HttpError(
      400,
      `${name} must be a whole number from 1${max < Infinity ? ` to ${max}` : ""}`,
    );
  }
  return value;
}

function object(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new HttpError(400, "Expected a JSON object");
  }
  return body as Record<string, unknown>;
}

/** The declared fields of a JSON post, over an existing post's values for an update. */
function postInput(body: unknown, current?: PostRow): PostInput {
  const data = object(body);
  const fields: Record<string, string[]> = {};
  const text = (name: "title" | "slug" | "body", required: boolean): string | undefined => {
    const value = data[name] ?? current?.[name];
    if (value === undefined && !required) return undefined;
    if (typeof value !== "string") fields[name] = ["This field is required and must be a string."];
    return value as string;
  };
  const tags = data.tags;
  if (tags !== undefined && (!Array.isArray(tags) || tags.some((t) => typeof t !== "string"))) {
    fields.tags = ["Expected a list of tag names."];
  } else if (tags?.some((t: string) => t.includes(","))) {
    fields.tags = ["A tag name cannot contain a comma."];
  }
  const published = data.published ?? current?.published;
  if (published !== undefined && typeof published !== "boolean") {
    fields.published = ["Expected true or false."];
  }
  const title = text("title", true)!;
  const slug = text("slug", false);
  const content = text("body", true)!;
  if (Object.keys(fields).length > 0) {
    throw new HttpError(400, `Invalid data: check ${Object.keys(fields).join(", ")}`, {
      details: { fields },
    });
  }
  return {
    title,
    slug,
    body: content,
    tags: (tags as string[] | undefined)?.join(","),
    published: published as boolean | undefined,
  };
}
