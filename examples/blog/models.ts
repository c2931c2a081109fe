// The blog's models. They point at the auth plugin's user model, which exists once auth is set
// up, so they are defined by a function the blog plugin calls at boot (one set per app).
import { defineModel, field, type Model } from "@plinth/plinth/model";

/** Defines the blog's tables against the app's user model. */
export function defineBlogModels(User: Model) {
  const Tag = defineModel("Tag", {
    name: field.varchar({ maxLength: 50, unique: true }),
    slug: field.slug({ maxLength: 50, unique: true }),
  }, { table: "blog_tag", ordering: ["name"] });

  const Post = defineModel("Post", {
    title: field.varchar({ maxLength: 200 }),
    slug: field.slug({ maxLength: 200, unique: true }),
    body: field.text({ maxLength: 20_000 }),
    author: field.foreignKey(User, { onDelete: "cascade", relatedName: "posts" }),
    published: field.boolean({ default: false }),
    tags: field.manyToMany(Tag, { relatedName: "posts" }),
    likes: field.integer({ default: 0 }),
    createdAt: field.timestamp({ autoNow: "create" }),
    updatedAt: field.timestamp({ autoNow: "update" }),
  }, {
    table: "blog_post",
    ordering: ["-createdAt", "-id"],
    indexes: [{ fields: ["published", "-createdAt"] }],
    constraints: [{ name: "blog_post_likes_not_negative", check: "likes >= 0" }],
  });

  const Comment = defineModel("Comment", {
    post: field.foreignKey(Post, { onDelete: "cascade", relatedName: "comments" }),
    author: field.foreignKey(User, { onDelete: "cascade", relatedName: "comments" }),
    body: field.text({ maxLength: 2_000 }),
    createdAt: field.timestamp({ autoNow: "create" }),
  }, { table: "blog_comment", ordering: ["createdAt", "id"] });

  return { Tag, Post, Comment };
}

/** The blog's models, as {@linkcode defineBlogModels} returns them. */
export type BlogModels = ReturnType<typeof defineBlogModels>;
/** A post row. */
export type PostRow = BlogModels["Post"]["__row"];
/** A tag row. */
export type TagRow = BlogModels["Tag"]["__row"];
/** A comment row. */
export type CommentRow = BlogModels["Comment"]["__row"];

/**
 * The username of a row's `author` loaded by `selectRelated("author")`: the user model comes
 * from the auth plugin at boot, so its row type is not known here.
 */
export function authorName(row: { readonly author?: unknown }): string {
  return (row.author as { username?: string } | undefined)?.username ?? "";
}
