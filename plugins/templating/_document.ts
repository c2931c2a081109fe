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
 * The response, through `ctx.html()` (which adds the app's default headers): HTML,
 * `Content-Security-Policy` (with the nonce only if something used it), and the caller's status
 * and headers, which win.
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
    if (policy === undefined) return state.ctx.html(body, status);
    return state.ctx.html(body, { status, headers: { "content-security-policy": policy } });
  }
  const headers = new Headers(options.headers);
  if (policy !== undefined && !headers.has("content-security-policy")) {
    headers.set("content-security-policy", policy);
  }
  return state.ctx.html(body, { status, headers });
}
