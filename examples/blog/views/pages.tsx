// The public pages: home, tags, posts with their comments, login and logout.
import { type Context, HttpError, Router } from "@plinth/plinth";
import { authenticate, login, logout, requireLogin, safeNext } from "@plinth/plinth/auth";
import { conditionalGet, pageCache } from "@plinth/plinth/cache";
import { commentForm, loginForm } from "../forms.ts";
import type { BlogModels } from "../models.ts";
import { Home, TagPage } from "../pages/home.tsx";
import { LoginPage } from "../pages/login.tsx";
import { PostPage, type PostPageProps } from "../pages/post.tsx";
import { pageNumber, POSTS_TAG, publishedPage } from "../posts.ts";

/**
 * Pages listing posts are cached for anonymous visitors (requests with a session bypass the
 * cache) until a post changes; browsers are told to ask again each time, and conditional GET
 * answers them with 304 while the page is unchanged. The other pages hold a fresh CSP nonce
 * (the post page's island script) or CSRF token each time, so an ETag of their body would never
 * match: they are not buffered and hashed for one.
 */
const listCache = pageCache({ ttl: 300, tags: [POSTS_TAG] });
const revalidate = conditionalGet();
const REVALIDATE = { "cache-control": "max-age=0, s-maxage=300" };
/** What the post page shows of a post: its author's name, not the whole user row. */
const POST_FIELDS = [
  "title",
  "slug",
  "body",
  "published",
  "likes",
  "createdAt",
  "author.username",
] as const;

/** The public pages' routes. */
export function pages(models: BlogModels): Router {
  const { Post, Tag, Comment } = models;
  const router = new Router();

  router.get("/", revalidate, listCache, async (ctx) => {
    const page = await publishedPage(models, pageNumber(ctx));
    return ctx.render(<Home page={page} />, { headers: REVALIDATE });
  }, { name: "home" });

  router.get("/tags/:slug", revalidate, listCache, async (ctx) => {
    const tag = await Tag.objects.get({ slug: ctx.params.slug });
    const page = await publishedPage(models, pageNumber(ctx), tag.slug);
    return ctx.render(<TagPage tag={tag} page={page} />, { headers: REVALIDATE });
  }, { name: "tag" });

  async function postPage(ctx: Context, form: Partial<PostPageProps> = {}, status = 200) {
    const visible = ctx.state.user?.isStaff ? {} : { published: true };
    const post = await Post.objects.filter({ slug: ctx.params.slug, ...visible })
      .selectRelated("author").only(...POST_FIELDS).prefetchRelated("tags").first();
    if (post === undefined) throw new HttpError(404, "No such post");
    const comments = await Comment.objects.filter({ post: post.id }).selectRelated("author")
      .only("body", "createdAt", "author.username").all();
    return ctx.render(
      <PostPage
        post={post as PostPageProps["post"]}
        comments={comments}
        {...form}
      />,
      { status },
    );
  }

  router.get("/posts/:slug", (ctx) => postPage(ctx), { name: "post" });

  router.post("/posts/:slug/comments", requireLogin(), async (ctx) => {
    const result = await commentForm.parse(ctx);
    if (!result.ok) return await postPage(ctx, result, 400);
    const post = await Post.objects.get({ slug: ctx.params.slug, published: true });
    const comment = await Comment.objects.create({
      postId: post.id,
      authorId: ctx.state.user!.id,
      body: result.data.body,
    });
    const target = ctx.app.url("post", { slug: post.slug });
    return ctx.redirect(`${target}#comment-${comment.id}`, { status: 303 });
  }, { name: "comment" });

  router.get("/login", (ctx) => {
    if (ctx.state.user) return ctx.redirect(safeNext(ctx, ctx.query.get("next")), { status: 303 });
    return ctx.render(<LoginPage action={ctx.url.pathname + ctx.url.search} />);
  }, { name: "login" });

  router.post("/login", async (ctx) => {
    const action = ctx.url.pathname + ctx.url.search;
    const result = await loginForm.parse(ctx);
    if (!result.ok) {
      return ctx.render(<LoginPage action={action} {...result} />, { status: 400 });
    }
    const user = await authenticate(ctx, result.data);
    if (user === undefined) {
      const errors = { __all__: ["Please enter a correct username and password."] };
      return ctx.render(
        <LoginPage action={action} values={{ username: result.data.username }} errors={errors} />,
        { status: 401 },
      );
    }
    await login(ctx, user);
    return ctx.redirect(safeNext(ctx, ctx.query.get("next")), { status: 303 });
  });

  router.post("/logout", async (ctx) => {
    await logout(ctx);
    return ctx.redirect(ctx.app.url("home"), { status: 303 });
  }, { name: "logout" });

  return router;
}
