// What the pages and the API share: pages of published posts, and saving a post with its tags
// in one transaction, then invalidating the cached pages that list posts.
import { type Context, HttpError } from "@plinth/plinth";
import { IntegrityError } from "@plinth/plinth/model";
import { slugify, tagNames } from "./forms.ts";
import type { BlogModels, PostRow } from "./models.ts";
import type { PostPage } from "./pages/post_list.tsx";

/** Posts on a page of the home, tag and API lists. */
export const PAGE_SIZE = 5;

/** The cache tag of every page listing posts. */
export const POSTS_TAG = "posts";

/** The page number in `?page=`, 1 when absent; anything but a positive integer is a 404. */
export function pageNumber(ctx: Context): number {
  const raw = ctx.query.get("page");
  if (raw === null) return 1;
  if (!/^[1-9]\d{0,5}$/.test(raw)) throw new HttpError(404, "No such page");
  return Number(raw);
}

/** A page of published posts, optionally of one tag, with their tags; 404 past the last page. */
export async function publishedPage(
  { Post }: BlogModels,
  page: number,
  tag?: string,
): Promise<PostPage> {
  const published = tag === undefined
    ? Post.objects.filter({ published: true })
    : Post.objects.filter({ published: true, "tags.slug": tag });
  const total = await published.count();
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (page > pages) throw new HttpError(404, "No such page");
  const posts = await published.prefetchRelated("tags").offset((page - 1) * PAGE_SIZE)
    .limit(PAGE_SIZE).all();
  return { posts: posts as PostPage["posts"], page, pages };
}

/** The fields a post is saved from, by the staff form or the API. */
export interface PostInput {
  title: string;
  slug?: string;
  body: string;
  tags?: string;
  published?: boolean;
}

/**
 * Creates a post by the current user, or updates `existing.post`, and sets its tags, all in one transaction: a post has all its tags
 * or, when anything fails, the database is left as it was. Then the pages listing posts are
 * invalidated in every process.
 *
 * @throws {HttpError} 409 when the slug is taken; the model's 400 for invalid values.
 */
export async function savePost(
  ctx: Context,
  { Post, Tag }: BlogModels,
  input: PostInput,
  existing?: { post: PostRow },
): Promise<PostRow> {
  const slug = input.slug || slugify(input.title);
  const values = {
    title: input.title,
    slug,
    body: input.body,
    ...(input.published === undefined ? {} : { published: input.published }),
  };
  let post: PostRow;
  try {
    post = await ctx.db.atomic(async () => {
      let row: PostRow;
      if (existing !== undefined) {
        await Post.objects.filter({ id: existing.post.id }).update(values);
        row = await Post.objects.get({ id: existing.post.id });
      } else {
        row = await Post.objects.create({ ...values, authorId: ctx.state.user!.id });
      }
      if (input.tags !== undefined) {
        const tags = [];
        for (const name of tagNames(input.tags)) {
          const [tag] = await Tag.objects.getOrCreate({ slug: slugify(name) }, { name });
          tags.push(tag);
        }
        await Post.related(row, "tags").set(tags);
      }
      return row;
    });
  } catch (error) {
    if (error instanceof IntegrityError) {
      throw new HttpError(409, "A post with this slug already exists", {
        details: { fields: { slug: ["A post with this slug already exists."] } },
      });
    }
    throw error;
  }
  await ctx.cache.invalidateTags([POSTS_TAG]);
  return post;
}

/** Deletes a post (its comments and tag links go with it) and invalidates the lists. */
export async function deletePost(ctx: Context, { Post }: BlogModels, post: PostRow): Promise<void> {
  await Post.objects.filter({ id: post.id }).delete();
  await ctx.cache.invalidateTags([POSTS_TAG]);
}
