import { extname, join, sep } from "node:path";
import type { Context } from "./context.ts";
import { HttpError } from "./http_error.ts";
import type { View } from "./middleware.ts";
import { limitedStream, parseRange } from "./_static_range.ts";

/**
 * Options of {@linkcode serveStatic}.
 *
 * @example Long-lived caching for fingerprinted assets
 * ```ts
 * import { App, serveStatic } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * const root = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${root}/app.3f9a1c.js`, "export {};");
 * const app = new App({ env: "test" });
 * app.get("/assets/*path", serveStatic(root, { maxAge: 31536000, immutable: true, index: false }));
 * const res = await app.request("/assets/app.3f9a1c.js");
 * assert.equal(res.headers.get("cache-control"), "public, max-age=31536000, immutable");
 * assert.equal((await app.request("/assets/")).status, 404);
 * await res.body?.cancel();
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export interface StaticOptions {
  /**
   * The file served for a directory requested with a trailing slash, or `false` to answer 404
   * for directories. Defaults to `"index.html"`.
   */
  index?: string | false;
  /**
   * Seconds for which clients may reuse a file without asking again, sent as
   * `Cache-Control: public, max-age=<maxAge>`. Without it, responses say `no-cache`: clients
   * keep files but revalidate them with `ETag` and `Last-Modified` on each use.
   */
  maxAge?: number;
  /**
   * Adds `immutable` to `Cache-Control`, for file names that change with their content (such as
   * `app.3f9a1c.js`). Requires `maxAge`.
   */
  immutable?: boolean;
}

const TYPES = new Map([
  ["html", "text/html; charset=utf-8"],
  ["css", "text/css; charset=utf-8"],
  ["js", "text/javascript; charset=utf-8"],
  ["mjs", "text/javascript; charset=utf-8"],
  ["txt", "text/plain; charset=utf-8"],
  ["json", "application/json"],
  ["map", "application/json"],
  ["xml", "application/xml"],
  ["svg", "image/svg+xml"],
  ["png", "image/png"],
  ["jpg", "image/jpeg"],
  ["jpeg", "image/jpeg"],
  ["gif", "image/gif"],
  ["webp", "image/webp"],
  ["ico", "image/x-icon"],
  ["woff", "font/woff"],
  ["woff2", "font/woff2"],
  ["wasm", "application/wasm"],
  ["pdf", "application/pdf"],
]);

/**
 * A view serving the files under `root` for GET and HEAD: content types from the extension,
 * `ETag` and `Last-Modified` with 304 answers to `If-None-Match` and `If-Modified-Since`,
 * single byte ranges (206, or 416 outside the file) and `index.html` for directories. Files are
 * streamed, never read whole into memory.
 *
 * The file path is the route's wildcard, `*path` or an unnamed `*` (`ctx.params.path ??
 * ctx.params["*"]`), already percent-decoded by the router. A directory asked for without a
 * trailing slash redirects (308) to the slash form. Every path segment starting with `.` answers
 * 404 (dotfiles and dot segments), as does any file whose real path, symlinks resolved, lies
 * outside the real root.
 *
 * @param root The directory to serve, resolved (symlinks included) once, now; relative paths
 * start at the working directory.
 * @param options Index file and caching.
 * @returns A view for a GET route with a wildcard, such as `app.get("/static/*path", view)`.
 * @throws {Error} When `root` is not an existing directory.
 * @throws {TypeError} When `index` is not a plain file name or `immutable` comes without `maxAge`.
 * @throws {RangeError} When `maxAge` is not a whole number of seconds, 0 or more.
 *
 * @example Serving a directory
 * ```ts
 * import { App, serveStatic } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * const root = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${root}/hello.txt`, "Hello, file!");
 * const app = new App({ env: "test" });
 * app.get("/static/*path", serveStatic(root, { maxAge: 3600 }));
 *
 * const res = await app.request("/static/hello.txt");
 * assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
 * assert.equal(res.headers.get("cache-control"), "public, max-age=3600");
 * assert.equal(await res.text(), "Hello, file!");
 *
 * const again = await app.request("/static/hello.txt", {
 *   headers: { "if-none-match": res.headers.get("etag")! },
 * });
 * assert.equal(again.status, 304);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export function serveStatic(root: string, options: StaticOptions = {}): View {
  const base = realRoot(root);
  const prefix = base.endsWith(sep) ? base : base + sep;
  const index = options.index ?? "index.html";
  if (index !== false && !isSafeSegment(index)) {
    throw new TypeError(
      `Cannot use index "${index}": give a file name without "/" that does not start with "."`,
    );
  }
  const cacheControl = cacheControlOf(options);

  /** The real path and facts of `path` if it exists inside the root with no dot segment there. */
  async function lookup(path: string): Promise<{ real: string; info: Deno.FileInfo } | undefined> {
    const real = await orMissing(Deno.realPath(path));
    if (real === undefined || (real !== base && !real.startsWith(prefix))) return undefined;
    if (real.slice(prefix.length).split(sep).some((s) => s.startsWith("."))) return undefined;
    const info = await orMissing(Deno.stat(real));
    return info === undefined ? undefined : { real, info };
  }

  return async function serveStatic(ctx) {
    const rel = ctx.params.path ?? ctx.params["*"];
    if (rel === undefined) {
      throw new Error(
        `Cannot serve static files at "${ctx.route?.pattern}": end the route with a wildcard, ` +
          `such as app.get("/static/*path", serveStatic(root))`,
      );
    }
    const missing = () => new HttpError(404, `No file at ${ctx.path}`);
    const segments = rel.split("/");
    const directory = segments[segments.length - 1] === "";
    if (directory) segments.pop();
    if (!segments.every(isSafeSegment)) throw missing();

    let found = await lookup(join(base, ...segments));
    if (found?.info.isDirectory) {
      if (index === false) throw missing();
      if (!directory) {
        return ctx.redirect(`${ctx.url.pathname}/${ctx.url.search}`, { status: 308 });
      }
      found = await lookup(join(found.real, index));
    } else if (directory) {
      throw missing();
    }
    if (!found?.info.isFile) throw missing();
    return await send(ctx, found.real, found.info, cacheControl);
  };
}

/** Answers with the file at `real`: 304, 206, 416 or 200, with a body unless the method is HEAD. */
async function send(
  ctx: Context,
  real: string,
  info: Deno.FileInfo,
  cacheControl: string,
): Promise<Response> {
  const request = ctx.request.headers;
  const headers = new Headers({ "cache-control": cacheControl });
  if (info.mtime !== null) {
    const etag = `W/"${info.size.toString(16)}-${info.mtime.getTime().toString(16)}"`;
    headers.set("etag", etag);
    headers.set("last-modified", info.mtime.toUTCString());
    if (notModified(request, etag, info.mtime)) return new Response(null, { status: 304, headers });
  }
  headers.set(
    "content-type",
    TYPES.get(extname(real).slice(1).toLowerCase()) ?? "application/octet-stream",
  );
  headers.set("accept-ranges", "bytes");

  const size = info.size;
  const rangeHeader = request.get("range");
  const ifRange = request.get("if-range");
  // A weak ETag never matches If-Range, so only the exact Last-Modified date keeps the range.
  const range =
    rangeHeader !== null && (ifRange === null || ifRange === headers.get("last-modified"))
      ? parseRange(rangeHeader, size)
      : undefined;
  if (range === "unsatisfiable") {
    throw new HttpError(416, `Range not satisfiable for ${size} bytes`, {
      headers: { "content-range": `bytes */${size}` },
    });
  }
  const start = range?.start ?? 0;
  const length = range === undefined ? size : range.end - range.start + 1;
  if (range !== undefined) headers.set("content-range", `bytes ${start}-${range.end}/${size}`);
  headers.set("content-length", String(length));
  const status = range === undefined ? 200 : 206;
  if (ctx.request.method === "HEAD") return new Response(null, { status, headers });

  const file = await Deno.open(real);
  try {
    if (start > 0) await file.seek(start, Deno.SeekMode.Start);
  } catch (error) {
    file.close();
    throw error;
  }
  return new Response(limitedStream(file, length), { status, headers });
}

/** Whether the client's copy is current: `If-None-Match`, else `If-Modified-Since`. */
function notModified(request: Headers, etag: string, mtime: Date): boolean {
  const tags = request.get("if-none-match");
  if (tags !== null) {
    if (tags.trim() === "*") return true;
    const opaque = etag.slice(2);
    return (tags.match(/(?:W\/)?"[^"]*"/g) ?? []).some((tag) => tag.replace(/^W\//, "") === opaque);
  }
  const since = Date.parse(request.get("if-modified-since") ?? "");
  return !Number.isNaN(since) && Math.floor(mtime.getTime() / 1000) * 1000 <= since;
}

/** Whether a decoded path segment may name a file: no dot start, slash, backslash or NUL. */
function isSafeSegment(segment: string): boolean {
  return segment !== "" && !segment.startsWith(".") && !/[/\\\0]/.test(segment);
}

function cacheControlOf({ maxAge, immutable }: StaticOptions): string {
  if (maxAge === undefined) {
    if (immutable) {
      throw new TypeError("Cannot use immutable without maxAge: set maxAge too, such as 31536000");
    }
    return "no-cache";
  }
  if (!Number.isInteger(maxAge) || maxAge < 0) {
    throw new RangeError(`Cannot use maxAge ${maxAge}: give whole seconds, 0 or more`);
  }
  return `public, max-age=${maxAge}${immutable ? ", immutable" : ""}`;
}

function realRoot(root: string): string {
  let real: string;
  try {
    real = Deno.realPathSync(root);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    throw new Error(
      `Cannot serve static files from "${root}": no such directory (relative paths start at ` +
        `"${Deno.cwd()}"); create it or fix the path`,
      { cause: error },
    );
  }
  if (!Deno.statSync(real).isDirectory) {
    throw new Error(`Cannot serve static files from "${root}": it is not a directory`);
  }
  return real;
}

/** The promised value, or `undefined` when the file system says there is no such file. */
async function orMissing<T>(pending: Promise<T>): Promise<T | undefined> {
  try {
    return await pending;
  } catch (error) {
    const { NotFound, NotADirectory, FilesystemLoop, PermissionDenied } = Deno.errors;
    for (const kind of [NotFound, NotADirectory, FilesystemLoop, PermissionDenied]) {
      if (error instanceof kind) return undefined;
    }
    throw error;
  }
}
