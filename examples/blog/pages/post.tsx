// A post with its comments, the like button (the island) and, for logged-in users, the comment
// form.
import { Field, type FieldErrors, Form, Head, useRequest } from "@plinth/plinth/templating";
import { commentForm } from "../forms.ts";
import LikeButton from "../islands/like_button.tsx";
import { authorName, type CommentRow, type PostRow, type TagRow } from "../models.ts";
import { formatDate, Tags } from "./post_list.tsx";

/** What the post page shows (the view loads only these fields). */
export interface PostPageProps {
  post:
    & Pick<PostRow, "id" | "title" | "slug" | "body" | "published" | "likes" | "createdAt">
    & Pick<PostRow, "author">
    & { tags: readonly TagRow[] };
  comments: readonly Pick<CommentRow, "id" | "body" | "createdAt" | "author">[];
  values?: Record<string, string>;
  errors?: FieldErrors<typeof commentForm.fields>;
}

/** The post page. */
export function PostPage({ post, comments, values, errors }: PostPageProps) {
  const { state, url, ctx } = useRequest();
  const user = state.user;
  const login = url("login", {}, { next: ctx.url.pathname });
  return (
    <article class="post">
      <Head>
        <title>{post.title}</title>
        <meta name="description" content={post.body.slice(0, 150)} />
      </Head>
      <h1>{post.title}</h1>
      <p class="meta">
        By {authorName(post)} on{" "}
        <time dateTime={post.createdAt.toISOString()}>{formatDate(post.createdAt)}</time>
        {!post.published && <strong class="draft">Draft</strong>}
      </p>
      <Tags tags={post.tags} />
      <div class="body">
        {post.body.split(/\r?\n\s*\r?\n/).map((paragraph, i) => <p key={i}>{paragraph}</p>)}
      </div>
      <LikeButton
        action={url("api:like", { slug: post.slug })}
        likes={post.likes}
        csrfToken={user ? state.csrfToken : undefined}
        loginUrl={login}
      />
      <section class="comments">
        <h2>Comments ({comments.length})</h2>
        <ol>
          {comments.map((comment) => (
            <li key={comment.id} id={`comment-${comment.id}`}>
              <p class="meta">
                {authorName(comment)},{" "}
                <time dateTime={comment.createdAt.toISOString()}>
                  {formatDate(comment.createdAt)}
                </time>
              </p>
              <p>{comment.body}</p>
            </li>
          ))}
        </ol>
        {user
          ? (
            <Form
              of={commentForm}
              values={values}
              errors={errors}
              action={url("comment", { slug: post.slug })}
              id="comment-form"
            >
              <Field name="body" />
              <button type="submit">Add comment</button>
            </Form>
          )
          : (
            <p>
              <a href={login}>Log in</a> to comment.
            </p>
          )}
      </section>
    </article>
  );
}
