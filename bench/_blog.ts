// Shared by bench/blog.ts and bench/blog_load.ts: pinning a running process to CPUs, filling a
// production blog with posts, tags and comments through its own API and forms, logging in, and
// running wrk with headers or a Lua script.
import { STAFF } from "../tests/fixtures/blog_server.ts";

const TAGS = ["Deno", "Postgres", "Caching", "Preact", "Testing", "Release", "Security"];

/** Pins every thread of a running process (`pid`) to `cpus` (such as "0"), as taskset -a -cp. */
export async function pinProcess(pid: number, cpus: string): Promise<boolean> {
  try {
    const out = await new Deno.Command("taskset", {
      args: ["-a", "-cp", cpus, String(pid)],
      stdout: "null",
      stderr: "null",
    }).output();
    return out.success;
  } catch {
    return false;
  }
}

/** The `name=value` pairs of every Set-Cookie of `res`, merged into `jar`. */
function keepCookies(jar: Map<string, string>, res: Response): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair.indexOf("=");
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
}

function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

function csrfOf(html: string): string {
  const match = html.match(/name="csrf_token" value="([^"]+)"/);
  if (match === null) throw new Error("Cannot find a csrf_token field in the page");
  return match[1];
}

/** A bearer token for `username` from `POST /api/tokens`. */
export async function apiToken(origin: string, username: string, password: string) {
  const res = await fetch(`${origin}/api/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 201) throw new Error(`POST /api/tokens answered ${res.status}`);
  return (await res.json()).token as string;
}

/** Logs in through the login form; returns the Cookie header of the session. */
export async function logIn(origin: string, username: string, password: string) {
  const jar = new Map<string, string>();
  const form = await fetch(`${origin}/login`);
  keepCookies(jar, form);
  const body = new URLSearchParams({ username, password, csrf_token: csrfOf(await form.text()) });
  const res = await fetch(`${origin}/login`, {
    method: "POST",
    headers: { cookie: cookieHeader(jar), "content-type": "application/x-www-form-urlencoded" },
    body,
    redirect: "manual",
  });
  await res.body?.cancel();
  if (res.status !== 303) throw new Error(`POST /login answered ${res.status}`);
  keepCookies(jar, res);
  return cookieHeader(jar);
}

/** Adds a comment to a post through the logged-in comment form. */
async function comment(origin: string, cookie: string, slug: string, text: string) {
  const page = await fetch(`${origin}/posts/${slug}`, { headers: { cookie } });
  const csrf = csrfOf(await page.text());
  const res = await fetch(`${origin}/posts/${slug}/comments`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ body: text, csrf_token: csrf }),
    redirect: "manual",
  });
  await res.body?.cancel();
  if (res.status !== 303) throw new Error(`Commenting on ${slug} answered ${res.status}`);
}

/** What {@linkcode seedBlog} made. */
export interface SeededBlog {
  /** Every published post's slug, newest last. */
  slugs: string[];
  /** The post the detail scenarios read: tags and comments. */
  detail: string;
  /** The staff user's session cookie and bearer token. */
  cookie: string;
  token: string;
}

/**
 * Fills a freshly prepared blog (the STAFF superuser exists) with `count` published posts of a
 * few paragraphs and two or three tags each, through `POST /api/posts`, and `comments` comments
 * on the middle post, through the comment form.
 */
export async function seedBlog(origin: string, count = 20, comments = 5): Promise<SeededBlog> {
  const token = await apiToken(origin, STAFF.username, STAFF.password);
  const slugs: string[] = [];
  for (let i = 0; i < count; i++) {
    const paragraphs = Array.from(
      { length: 3 },
      (_, p) =>
        `Paragraph ${p + 1} of post ${i + 1}: routing, models & <templates> in one ` +
        "framework, measured end to end with real queries, sessions and rendering. ".repeat(2),
    );
    const tags = [TAGS[i % TAGS.length], TAGS[(i + 2) % TAGS.length]];
    if (i % 3 === 0) tags.push(TAGS[(i + 4) % TAGS.length]);
    const res = await fetch(`${origin}/api/posts`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        title: `Benchmark post ${i + 1}: "quotes" & ampersands`,
        slug: `benchmark-post-${i + 1}`,
        body: paragraphs.join("\n\n"),
        tags,
        published: true,
      }),
    });
    if (res.status !== 201) throw new Error(`POST /api/posts answered ${res.status}`);
    slugs.push((await res.json()).slug);
  }
  const cookie = await logIn(origin, STAFF.username, STAFF.password);
  const detail = slugs[Math.floor(count / 2)];
  for (let i = 0; i < comments; i++) {
    await comment(origin, cookie, detail, `Comment ${i + 1}: nice <b>post</b> & thanks!`);
  }
  return { slugs, detail, cookie, token };
}

/** One wrk run's figures. */
export interface WrkResult {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  socketErrors: { connect: number; read: number; write: number; timeout: number };
  /** Everything wrk printed, for Lua scripts that report their own counts. */
  output: string;
}

/** Options of {@linkcode runWrk}. */
export interface WrkOptions {
  seconds: number;
  connections: number;
  threads?: number;
  headers?: Record<string, string>;
  script?: string;
  /** A command prefix such as ["taskset", "-c", "1"]. */
  prefix?: string[];
  timeoutSeconds?: number;
}

/** Loads `url` with wrk --latency and parses its report. */
export async function runWrk(url: string, options: WrkOptions): Promise<WrkResult> {
  const args = [
    `-t${options.threads ?? 1}`,
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    "--timeout",
    `${options.timeoutSeconds ?? 5}s`,
    "--latency",
  ];
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    args.push("-H", `${name}: ${value}`);
  }
  if (options.script !== undefined) args.push("-s", options.script);
  const prefix = options.prefix ?? [];
  const command = prefix.length > 0 ? prefix[0] : "wrk";
  const all = prefix.length > 0 ? [...prefix.slice(1), "wrk", ...args, url] : [...args, url];
  const out = await new Deno.Command(command, { args: all, stdout: "piped", stderr: "piped" })
    .output();
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) {
    throw new Error(`wrk failed on ${url}: ${new TextDecoder().decode(out.stderr)}${text}`);
  }
  return parseWrk(text, url);
}

function parseWrk(text: string, url: string): WrkResult {
  const requests = text.match(/^\s*(\d+) requests in /m);
  const rps = text.match(/Requests\/sec:\s+([\d.]+)/);
  const p50 = latency(text, "50%");
  const p99 = latency(text, "99%");
  if (requests === null || rps === null || p50 === undefined || p99 === undefined) {
    throw new Error(`Cannot parse wrk output for ${url}:\n${text}`);
  }
  const bad = text.match(/Non-2xx or 3xx responses:\s+(\d+)/);
  const errors = text.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const [connect, read, write, timeout] = errors === null
    ? [0, 0, 0, 0]
    : errors.slice(1).map(Number);
  return {
    requests: Number(requests[1]),
    rps: Number(rps[1]),
    p50Ms: p50,
    p99Ms: p99,
    non2xx: bad === null ? 0 : Number(bad[1]),
    socketErrors: { connect, read, write, timeout },
    output: text,
  };
}

function latency(text: string, quantile: string): number | undefined {
  const match = text.match(new RegExp(`^\\s*${quantile}\\s+([\\d.]+)(us|ms|s|m)\\s*$`, "m"));
  if (match === null) return undefined;
  const scale = { us: 0.001, ms: 1, s: 1000, m: 60000 }[match[2] as "us" | "ms" | "s" | "m"];
  return Number(match[1]) * scale;
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Points servers/blog_raw.tsx at the blog's database and at the hashed asset URLs found in one
 * of the blog's post pages, through the environment it reads (and passes to child processes).
 */
export function configureRawLimit(postPage: string, databaseUrl: string): void {
  const asset = (re: RegExp) => postPage.match(re)?.[1] ?? "";
  Deno.env.set("BLOG_RAW_DATABASE", databaseUrl);
  Deno.env.set(
    "BLOG_RAW_ASSETS",
    JSON.stringify({
      css: asset(/<link rel="stylesheet" href="([^"]+)"/),
      island: asset(/\[\["([^"]+)","default"/),
      runtime: asset(/import\{boot\}from"([^"]+)"/),
    }),
  );
}
