import type { ContentSecurityPolicy } from "./_csp.ts";
import type { IslandAssets } from "./_island_assets.ts";
import type { LiveReload } from "./_live_reload.ts";
import type { RenderState } from "./_render_state.ts";

/** What every document of one app shares, fixed at boot. */
export interface DocumentConfig {
  /** `<html lang>`. */
  readonly lang: string;
  /** The policy; `undefined` sends none. */
  readonly csp: ContentSecurityPolicy | undefined;
  /** The island bundles. */
  readonly islands: IslandAssets;
  /** Live reload, in development. */
  readonly liveReload: LiveReload | undefined;
}

const HTML_TYPE = "text/html; charset=utf-8";
const HTML_HEADERS: Readonly<Record<string, string>> = Object.freeze({ "content-type": HTML_TYPE });

/** Everything up to and including `<body>`, with the head that the render collected. */
export function documentStart(state: RenderState, config: DocumentConfig): string {
  return `<!DOCTYPE html><html lang="${config.lang}"><head>${
    state.head.html(() => state.nonce)
  }</head><body>`;
}

/** The islands' scripts, live reload's, and the closing tags; a promise while islands bundle. */
export function documentEnd(state: RenderState, config: DocumentConfig): string | Promise<string> {
  const reload = config.liveReload?.script(state.nonce) ?? "";
  if (state.islands.length === 0) return `${reload}</body></html>`;
  const scripts = config.islands.scripts(state.islands, state.nonce);
  return typeof scripts === "string"
    ? `${scripts}${reload}</body></html>`
    : scripts.then((text) => `${text}${reload}</body></html>`);
}

/**
 * The response: HTML, `Content-Security-Policy` (with the nonce only if something used it),
 * and the caller's status and headers, which win.
 */
export function htmlResponse(
  state: RenderState,
  config: DocumentConfig,
  body: string | ReadableStream<Uint8Array>,
  options: { status?: number; headers?: HeadersInit },
): Response {
  const { csp } = config;
  const policy = csp === undefined
    ? undefined
    : state.usedNonce
    ? csp.withNonce(state.nonce)
    : csp.plain;
  const status = options.status ?? 200;
  if (options.headers === undefined) {
    // Deno 2.9 serves a 200 response whose only header is its type from a fast path, which
    // headers set afterwards leave; a response made with several headers copies a string body
    // into a native response at once, measured slower than setting them one by one.
    const response = new Response(body, { status, headers: HTML_HEADERS });
    if (policy !== undefined) response.headers.set("content-security-policy", policy);
    return response;
  }
  // The caller's headers are completed before the response exists: a string body would
  // otherwise get a text/plain type.
  const headers = new Headers(options.headers);
  if (!headers.has("content-type")) headers.set("content-type", HTML_TYPE);
  if (policy !== undefined && !headers.has("content-security-policy")) {
    headers.set("content-security-policy", policy);
  }
  return new Response(body, { status, headers });
}
