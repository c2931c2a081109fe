// The page of the page-cache scenario, shared by the Plinth and raw servers.
import { SECURITY_HEADERS } from "./_headers.ts";

/** The path of the cached page. */
export const PAGE_PATH = "/articles/page-cache";

/** Seconds the page is cached, sent as `max-age`. */
export const PAGE_TTL = 60;

const items = Array.from(
  { length: 20 },
  (_, i) => `<li><a href="/articles/${i}">Article ${i}</a></li>`,
);

/** A small HTML page, about 1.5 KB, as a view would render it. */
export const PAGE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
  `<title>Articles</title></head><body><h1>Articles</h1><ul>${items.join("")}</ul>` +
  `<footer>Rendered by a view that is slow enough to be worth caching.</footer></body></html>`;

/** What a page-cache hit sends besides `Age`: the view's type, `max-age`, the security headers. */
export const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": `max-age=${PAGE_TTL}`,
  ...SECURITY_HEADERS,
} as const;
