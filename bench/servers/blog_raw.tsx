// The blog's post page written by hand, the limit bench/blog.ts measures Plinth against: raw
// Deno.serve, postgres.js and preact-render-to-string, the same three queries as the blog's
// view (the post with its author, its tags, its comments with their authors) and the same HTML
// as an anonymous visitor gets, with a fresh CSP nonce per response. No ETag, no request id, no
// logging: what a hand-written server would skip. Settings come from the environment:
// BLOG_RAW_DATABASE (a postgres:// URL) and BLOG_RAW_ASSETS (JSON {css, island, runtime}, the
// URLs of the blog's hashed stylesheet and island scripts).
import postgres from "postgres";
import { renderToString } from "preact-render-to-string";
import type { Handler } from "../_scenario.ts";

interface Post {
  id: number;
  title: string;
  slug: string;
  body: string;
  likes: number;
  created_at: Date;
  username: string;
}
interface Tag {
  id: number;
  name: string;
  slug: string;
}
interface Comment {
  id: number;
  body: string;
  created_at: Date;
  username: string;
}
interface Assets {
  css: string;
  island: string;
  runtime: string;
}

const POLICY = (nonce: string) =>
  `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self' 'unsafe-inline'; ` +
  "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; " +
  "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
const STATIC_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cross-origin-opener-policy": "same-origin",
  "referrer-policy": "same-origin",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
};

/** The islands' wrapper element, typed as a div for JSX. */
const IslandTag = "plinth-island" as "div";

const DATE_FORMAT = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

function formatDate(date: Date): string {
  return DATE_FORMAT.format(date);
}

function nonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

function Page(
  { post, tags, comments, assets, nonce }: {
    post: Post;
    tags: Tag[];
    comments: Comment[];
    assets: Assets;
    nonce: string;
  },
) {
  const login = `/login?next=${encodeURIComponent(`/posts/${post.slug}`)}`;
  const islands = JSON.stringify([[assets.island, "default", {
    action: `/api/posts/${post.slug}/like`,
    likes: post.likes,
    csrfToken: { $t: "Undefined" },
    loginUrl: login,
  }]]).replaceAll("<", "\\u003c");
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{post.title}</title>
        <link rel="stylesheet" href={assets.css} />
        <link rel="icon" href="data:," />
        <meta name="description" content={post.body.slice(0, 150)} />
      </head>
      <body>
        <header class="site">
          <a class="brand" href="/">Plinth blog</a>
          <nav>
            <a href="/login">Log in</a>
          </nav>
        </header>
        <main>
          <article class="post">
            <h1>{post.title}</h1>
            <p class="meta">
              By {post.username} on{" "}
              <time dateTime={post.created_at.toISOString()}>{formatDate(post.created_at)}</time>
            </p>
            {tags.length > 0 && (
              <ul class="tags">
                {tags.map((tag) => (
                  <li key={tag.id}>
                    <a href={`/tags/${tag.slug}`}>{tag.name}</a>
                  </li>
                ))}
              </ul>
            )}
            <div class="body">
              {post.body.split(/\n{2,}/).map((paragraph, i) => <p key={i}>{paragraph}</p>)}
            </div>
            <IslandTag data-island="0">
              <p class="likes">
                {post.likes} {post.likes === 1 ? "like" : "likes"} ·{" "}
                <a href={login}>Log in to like</a>
              </p>
            </IslandTag>
            <section class="comments">
              <h2>Comments ({comments.length})</h2>
              <ol>
                {comments.map((comment) => (
                  <li key={comment.id} id={`comment-${comment.id}`}>
                    <p class="meta">
                      {comment.username},{" "}
                      <time dateTime={comment.created_at.toISOString()}>
                        {formatDate(comment.created_at)}
                      </time>
                    </p>
                    <p>{comment.body}</p>
                  </li>
                ))}
              </ol>
              <p>
                <a href={login}>Log in</a> to comment.
              </p>
            </section>
          </article>
        </main>
        <footer class="site">Built with Plinth</footer>
        <script
          type="application/json"
          id="__plinth_islands"
          dangerouslySetInnerHTML={{ __html: islands }}
        />
        <script
          type="module"
          nonce={nonce}
          dangerouslySetInnerHTML={{
            __html: `import{boot}from"${assets.runtime}";boot("__plinth_islands")`,
          }}
        />
      </body>
    </html>
  );
}

/** The post page on its own: `GET /posts/:slug`, 404 for anything else. */
export default function (): Promise<Handler> {
  const url = Deno.env.get("BLOG_RAW_DATABASE");
  const assets = JSON.parse(Deno.env.get("BLOG_RAW_ASSETS") ?? "null") as Assets | null;
  if (url === undefined || assets === null) {
    throw new Error("Cannot start blog_raw: set BLOG_RAW_DATABASE and BLOG_RAW_ASSETS");
  }
  const sql = postgres(url, { max: 10, onnotice: () => {} });
  return Promise.resolve(async (request: Request) => {
    const { pathname } = new URL(request.url);
    const match = pathname.match(/^\/posts\/([a-z0-9-]+)$/);
    if (match === null || request.method !== "GET" && request.method !== "HEAD") {
      return new Response("Not found", { status: 404 });
    }
    const [post] = await sql<Post[]>`
      SELECT p.id, p.title, p.slug, p.body, p.likes, p.created_at, u.username
      FROM blog_post p JOIN auth_user u ON u.id = p.author_id
      WHERE p.slug = ${match[1]} AND p.published LIMIT 1`;
    if (post === undefined) return new Response("Not found", { status: 404 });
    const [tags, comments] = [
      await sql<Tag[]>`
        SELECT t.id, t.name, t.slug FROM blog_tag t
        JOIN blog_post_tags pt ON pt.tag_id = t.id WHERE pt.post_id = ${post.id} ORDER BY t.name`,
      await sql<Comment[]>`
        SELECT c.id, c.body, c.created_at, u.username
        FROM blog_comment c JOIN auth_user u ON u.id = c.author_id
        WHERE c.post_id = ${post.id} ORDER BY c.created_at, c.id`,
    ];
    const value = nonce();
    const html = "<!DOCTYPE html>" +
      renderToString(
        <Page post={post} tags={tags} comments={comments} assets={assets} nonce={value} />,
      );
    return new Response(html, {
      headers: { ...STATIC_HEADERS, "content-security-policy": POLICY(value) },
    });
  });
}
