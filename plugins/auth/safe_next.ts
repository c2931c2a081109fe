import { type Context, isSafeRedirect } from "../../core/mod.ts";

/**
 * The `next` target to redirect to after login, or `fallback` when it could leave the site:
 * only same-origin paths (`/account?tab=2`) and absolute URLs of this very origin pass.
 * `//evil.com`, `/\evil.com`, `javascript:alert(1)`, control characters, and values that turn
 * into such targets once percent-decoded (`%2f%2fevil.com`, `/%5Cevil.com`) all give `fallback`.
 *
 * @param ctx The request, for its host and scheme.
 * @param target The requested target, usually `ctx.query.get("next")`.
 * @param fallback Where to go instead; `"/"` by default.
 * @returns A safe path or same-origin URL.
 *
 * @example Filtering `next`
 * ```ts
 * import { App } from "@plinth/plinth";
 * import { safeNext } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * const app = new App({ env: "test" });
 * app.get("/go", (ctx) => ctx.text(safeNext(ctx, ctx.query.get("next"))));
 * const go = async (next: string) =>
 *   await (await app.request(`/go?next=${encodeURIComponent(next)}`)).text();
 * assert.equal(await go("/account?tab=2"), "/account?tab=2");
 * assert.equal(await go("//evil.com"), "/");
 * assert.equal(await go("javascript:alert(1)"), "/");
 * assert.equal(await go("%2f%2fevil.com"), "/");
 * ```
 */
export function safeNext(ctx: Context, target: string | null | undefined, fallback = "/"): string {
  if (typeof target !== "string" || target === "" || target.length > 2048) return fallback;
  const origin = `${ctx.secure ? "https" : "http"}://${ctx.host}`;
  if (!isSafeRedirect(target, origin)) return fallback;
  if (!target.startsWith("/")) return target;
  // A path must stay a plain path once percent-decoded, whoever decodes it next.
  try {
    return isSafeRedirect(decodeURIComponent(target)) ? target : fallback;
  } catch {
    return fallback;
  }
}
