// A list of post summaries with pagination links, shared by the home and tag pages.
import { useRequest } from "@plinth/plinth/templating";
import type { PostRow, TagRow } from "../models.ts";

/** A page of posts from the paginator. */
export interface PostPage {
  readonly posts: readonly (PostRow & { tags?: readonly TagRow[] })[];
  readonly page: number;
  readonly pages: number;
}

/** The posts of a page, each with its tags, then links to the pages around it. */
export function PostList({ page, route, params = {} }: {
  page: PostPage;
  route: string;
  params?: Record<string, string>;
}) {
  const { url } = useRequest();
  if (page.posts.length === 0) return <p class="empty">No posts yet.</p>;
  return (
    <>
      <ul class="posts">
        {page.posts.map((post) => (
          <li key={post.id}>
            <h2>
              <a href={url("post", { slug: post.slug })}>{post.title}</a>
            </h2>
            <p class="meta">
              <time dateTime={post.createdAt.toISOString()}>{formatDate(post.createdAt)}</time>
              {" · "}
              {post.likes} {post.likes === 1 ? "like" : "likes"}
            </p>
            <p>{excerpt(post.body)}</p>
            <Tags tags={post.tags ?? []} />
          </li>
        ))}
      </ul>
      {page.pages > 1 && (
        <nav class="pages" aria-label="Pages">
          {page.page > 1 && (
            <a rel="prev" href={url(route, params, pageQuery(page.page - 1))}>Newer</a>
          )}
          <span>Page {page.page} of {page.pages}</span>
          {page.page < page.pages && (
            <a rel="next" href={url(route, params, pageQuery(page.page + 1))}>Older</a>
          )}
        </nav>
      )}
    </>
  );
}

/** Links to the tag pages. */
export function Tags({ tags }: { tags: readonly TagRow[] }) {
  const { url } = useRequest();
  if (tags.length === 0) return null;
  return (
    <ul class="tags">
      {tags.map((tag) => (
        <li key={tag.id}>
          <a href={url("tag", { slug: tag.slug })}>{tag.name}</a>
        </li>
      ))}
    </ul>
  );
}

/** One formatter for every date: making one per call costs far more than formatting. */
const DATE_FORMAT = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** A date as "21 Nov 2026", the same on every server whatever its locale and time zone. */
export function formatDate(date: Date): string {
  return DATE_FORMAT.format(date);
}

function pageQuery(page: number): Record<string, string> {
  return page === 1 ? {} : { page: String(page) };
}

function excerpt(body: string): string {
  const text = body.replace(/\s+/g, " ").trim();
  return text.length > 240 ? `${text.slice(0, 240).trimEnd()}…` : text;
}
