// The home page and the tag pages: published posts, newest first, a page at a time.
import { Head } from "@plinth/plinth/templating";
import type { TagRow } from "../models.ts";
import { PostList, type PostPage } from "./post_list.tsx";

/** The home page. */
export function Home({ page }: { page: PostPage }) {
  return (
    <>
      <Head>
        <title>{page.page === 1 ? "Plinth blog" : `Plinth blog, page ${page.page}`}</title>
      </Head>
      <h1>Latest posts</h1>
      <PostList page={page} route="home" />
    </>
  );
}

/** A tag's page. */
export function TagPage({ tag, page }: { tag: TagRow; page: PostPage }) {
  return (
    <>
      <Head>
        <title>{`Posts tagged ${tag.name}`}</title>
      </Head>
      <h1>Posts tagged “{tag.name}”</h1>
      <PostList page={page} route="tag" params={{ slug: tag.slug }} />
    </>
  );
}
