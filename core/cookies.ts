import type { Signer } from "./signer.ts";

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Attributes of an outgoing cookie. */
export interface CookieOptions {
  /** Lifetime in seconds; `0` expires the cookie now. Omitted: a session cookie. */
  maxAge?: number;
  /** Absolute expiry. */
  expires?: Date;
  /** Defaults to `"/"`. */
  path?: string;
  /** Omitted: host-only, the safest choice. */
  domain?: string;
  /** Defaults to `true` on secure requests. */
  secure?: boolean;
  /** Defaults to `true`: scripts cannot read the cookie. */
  httpOnly?: boolean;
  /** Defaults to `"Lax"`. */
  sameSite?: "Strict" | "Lax" | "None";
}

/**
 * The cookies of one request, parsed on first use, and the cookies to send back. Outgoing cookies
 * are written to the response as it leaves the route's middleware chain; until then they are in
 * {@linkcode Cookies.outgoing}.
 *
 * @example Reading and setting cookies
 * ```ts
 * import { App } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * const app = new App({ env: "test" });
 * app.get("/", (ctx) => {
 *   ctx.cookies.set("theme", ctx.cookies.get("theme") ?? "dark");
 *   return ctx.text("ok");
 * });
 * const res = await app.request("/", { headers: { cookie: "theme=light" } });
 * assert.equal(res.headers.get("set-cookie"), "theme=light; Path=/; HttpOnly; SameSite=Lax");
 * ```
 */
export class Cookies {
  readonly #header: string | null;
  readonly #secure: boolean;
  readonly #signer: () => Signer;
  #incoming: Map<string, string> | undefined;
  /** Serialised `Set-Cookie` values not yet written to the response. */
  readonly outgoing: string[] = [];

  /**
   * Creates the jar of one request; the header is parsed on first read.
   *
   * @param header The request's `Cookie` header.
   * @param secure Whether the request came over TLS (the default of `secure`).
   * @param signer Gives the app's signer, for signed cookies.
   */
  constructor(header: string | null, secure: boolean, signer: () => Signer) {
    this.#header = header;
    this.#secure = secure;
    this.#signer = signer;
  }

  /** The value of cookie `name`, percent-decoded; the first one wins when sent twice. */
  get(name: string): string | undefined {
    return this.#parse().get(name);
  }

  /** Whether the request carries cookie `name`. */
  has(name: string): boolean {
    return this.#parse().has(name);
  }

  /** Queues a `Set-Cookie` for `name`. @throws {TypeError} For a name that is not a token. */
  set(name: string, value: string, options: CookieOptions = {}): void {
    if (!TOKEN.test(name)) throw new TypeError(`Cannot set cookie "${name}": invalid name`);
    let line = `${name}=${encodeURIComponent(value)}; Path=${options.path ?? "/"}`;
    if (options.domain !== undefined) line += `; Domain=${options.domain}`;
    if (options.maxAge !== undefined) {
      line += `; Max-Age=${Math.max(0, Math.floor(options.maxAge))}`;
    }
    if (options.expires !== undefined) line += `; Expires=${options.expires.toUTCString()}`;
    if (options.secure ?? this.#secure) line += "; Secure";
    if (options.httpOnly ?? true) line += "; HttpOnly";
    line += `; SameSite=${options.sameSite ?? "Lax"}`;
    this.outgoing.push(line);
  }

  /** Queues a `Set-Cookie` that expires `name` now. */
  delete(name: string, options: Pick<CookieOptions, "path" | "domain"> = {}): void {
    this.set(name, "", { ...options, maxAge: 0, expires: new Date(0) });
  }

  /** The value of a cookie set with {@linkcode Cookies.setSigned}, or `undefined` if tampered. */
  async getSigned(name: string): Promise<string | undefined> {
    const raw = this.get(name);
    const dot = raw?.lastIndexOf(".") ?? -1;
    if (raw === undefined || dot < 0) return undefined;
    const value = raw.slice(0, dot);
    return await this.#signer().verify(`${name}=${value}`, raw.slice(dot + 1)) ? value : undefined;
  }

  /** Queues a cookie whose value is signed with the app's secret keys (HMAC-SHA256). */
  async setSigned(name: string, value: string, options?: CookieOptions): Promise<void> {
    const signature = await this.#signer().sign(`${name}=${value}`);
    this.set(name, `${value}.${signature}`, options);
  }

  #parse(): Map<string, string> {
    if (this.#incoming) return this.#incoming;
    const cookies = new Map<string, string>();
    for (const pair of (this.#header ?? "").split(";")) {
      const eq = pair.indexOf("=");
      if (eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      if (!name || cookies.has(name)) continue;
      let value = pair.slice(eq + 1).trim();
      if (value.length > 1 && value.startsWith('"') && value.endsWith('"')) {
        value = value.slice(1, -1);
      }
      try {
        value = decodeURIComponent(value);
      } catch { /* keep the raw value: browsers send what servers set */ }
      cookies.set(name, value);
    }
    return this.#incoming = cookies;
  }
}
