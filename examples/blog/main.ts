// The blog, for `deno serve`: `deno task dev` in development; in production (see README.md)
// `deno serve --parallel -A examples/blog/main.ts`.
import { createBlog } from "./app.ts";

export default createBlog();
