// The blog's door for tests and benchmarks: build the app with settings of their own.
export { type BlogSettings, createBlog } from "./app.ts";
