// The stylesheet, served under a name holding a hash of its content, so that browsers may keep
// it forever: a changed file gets a new name.
import type { App } from "@plinth/plinth";

const FILE = new URL("./static/blog.css", import.meta.url);

/** Reads the stylesheet, adds its route and returns its URL, such as `/static/blog.3f9a1c2b.css`. */
export async function serveStylesheet(app: App): Promise<string> {
  const bytes = await Deno.readFile(FILE);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const hash = [...digest.slice(0, 5)].map((b) => b.toString(16).padStart(2, "0")).join("");
  const name = `blog.${hash}.css`;
  const headers = {
    "content-type": "text/css; charset=utf-8",
    "cache-control": "public, max-age=31536000, immutable",
  };
  app.get(`/static/${name}`, () => new Response(bytes, { headers }), { name: "stylesheet" });
  return `/static/${name}`;
}
