// The staff area: every post (drafts too) with publish and delete buttons, and the post editor.
import {
  Field,
  type FieldErrors,
  Form,
  FormErrors,
  Head,
  useRequest,
} from "@plinth/plinth/templating";
import { postForm } from "../forms.ts";
import type { PostRow } from "../models.ts";
import { formatDate } from "./post_list.tsx";

/** The list of every post. */
export function StaffPosts({ posts }: { posts: readonly PostRow[] }) {
  const { url, csrfToken } = useRequest();
  return (
    <section>
      <Head>
        <title>Staff: posts</title>
      </Head>
      <h1>Posts</h1>
      <p>
        <a class="button" href={url("staff:new")}>New post</a>
      </p>
      <table class="staff">
        <thead>
          <tr>
            <th>Title</th>
            <th>Created</th>
            <th>Status</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {posts.map((post) => (
            <tr key={post.id} data-slug={post.slug}>
              <td>
                <a href={url("staff:edit", { id: post.id })}>{post.title}</a>
              </td>
              <td>{formatDate(post.createdAt)}</td>
              <td>{post.published ? "Published" : "Draft"}</td>
              <td class="actions">
                <form method="post" action={url("staff:publish", { id: post.id })} class="inline">
                  <input type="hidden" name="csrf_token" value={csrfToken} />
                  <input type="hidden" name="published" value={post.published ? "" : "on"} />
                  <button type="submit">{post.published ? "Unpublish" : "Publish"}</button>
                </form>
                <form method="post" action={url("staff:delete", { id: post.id })} class="inline">
                  <input type="hidden" name="csrf_token" value={csrfToken} />
                  <button type="submit" class="danger">Delete</button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The editor for a new or an existing post, with its messages in place. */
export function PostEditor({ title, values, errors }: {
  title: string;
  values?: Record<string, unknown>;
  errors?: FieldErrors<typeof postForm.fields>;
}) {
  return (
    <section>
      <Head>
        <title>{title}</title>
      </Head>
      <h1>{title}</h1>
      <Form of={postForm} values={values} errors={errors} id="post-form">
        <FormErrors />
        <Field name="title" />
        <Field name="slug" />
        <Field name="body" />
        <Field name="tags" />
        <Field name="published" />
        <button type="submit">Save</button>
      </Form>
    </section>
  );
}
