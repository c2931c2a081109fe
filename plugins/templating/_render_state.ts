import { createContext } from "preact";
import type { Context, ParamValues, QueryValues, State } from "../../core/mod.ts";
import { HeadCollector } from "./_head.ts";
import type { IslandSpec } from "./_island_registry.ts";
import type { PageRequest } from "./request.ts";

/** One island rendered on the page, with its props encoded for the browser. */
export interface IslandUse {
  readonly spec: IslandSpec;
  readonly props: unknown;
}

/**
 * What one `ctx.render()` collects while its components render: the head entries, the islands,
 * and the CSP nonce, made on first use. Reached by components through {@linkcode RenderContext}
 * (the renderer's starting context), never through module state, so concurrent requests cannot
 * see each other's.
 */
export class RenderState implements PageRequest {
  readonly ctx: Context;
  readonly head: HeadCollector = new HeadCollector();
  readonly islands: IslandUse[] = [];
  #nonce: string | undefined;
  #url: ((name: string, params?: ParamValues, query?: QueryValues) => string) | undefined;

  constructor(ctx: Context) {
    this.ctx = ctx;
  }

  get state(): State {
    return this.ctx.state;
  }

  get csrfToken(): string | undefined {
    return this.ctx.state.csrfToken;
  }

  get nonce(): string {
    return this.#nonce ??= newNonce();
  }

  /** Whether anything asked for the nonce, so that the policy must allow it. */
  get usedNonce(): boolean {
    return this.#nonce !== undefined;
  }

  /** Bound (on first use), so that components may destructure it: `const { url } = useRequest()`. */
  get url(): (name: string, params?: ParamValues, query?: QueryValues) => string {
    return this.#url ??= (name, params, query) => this.ctx.app.url(name, params, query);
  }
}

/** The current render, for `useRequest()`, `<Head>` and islands; absent outside `ctx.render()`. */
export const RenderContext = createContext<RenderState | undefined>(undefined);

/** How deep in the layouts a component sits: the app layout is 0, the page the deepest. */
export const HeadLevel = createContext(0);

/** Whether a component renders inside an island, whose nested islands hydrate with it. */
export const InsideIsland = createContext(false);

const NONCE_BYTES = 16;
/** Random bytes for the next nonces, drawn 256 nonces at a time; each byte is used once. */
const pool = new Uint8Array(NONCE_BYTES * 256);
let drawn = pool.length;

/** 128 random bits, base64: a fresh CSP nonce. */
export function newNonce(): string {
  if (drawn === pool.length) {
    crypto.getRandomValues(pool);
    drawn = 0;
  }
  return pool.subarray(drawn, drawn += NONCE_BYTES).toBase64();
}
