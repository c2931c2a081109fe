import { type Context, HttpError } from "../../core/mod.ts";
import type { ThrottleStore } from "./throttle_store.ts";

/** A limit of failed logins within a window. */
export interface ThrottleLimit {
  /** Failures allowed in the window; the next attempt answers 429. */
  readonly failures: number;
  /** The window in seconds. */
  readonly windowSeconds: number;
}

/** Login throttling settings. */
export interface ThrottleOptions {
  /** Per username (case-insensitive); default 10 failures in 15 minutes. */
  readonly account?: ThrottleLimit;
  /** Per client address; default 100 failures in 15 minutes. */
  readonly ip?: ThrottleLimit;
}

/** Counts failed logins per account and per address, and refuses with 429 over the limits. */
export class LoginThrottle {
  readonly #store: () => ThrottleStore;
  readonly #account: ThrottleLimit;
  readonly #ip: ThrottleLimit;

  constructor(store: () => ThrottleStore, options: ThrottleOptions = {}) {
    this.#store = store;
    this.#account = options.account ?? { failures: 10, windowSeconds: 900 };
    this.#ip = options.ip ?? { failures: 100, windowSeconds: 900 };
  }

  /** @throws {HttpError} 429 with `Retry-After` when either limit is reached. */
  async check(ctx: Context, username: string | undefined): Promise<void> {
    const store = this.#store();
    const checks: Array<[string, ThrottleLimit]> = [[ipKey(ctx), this.#ip]];
    if (username !== undefined) checks.push([accountKey(username), this.#account]);
    for (const [key, limit] of checks) {
      if (await store.count(key) >= limit.failures) {
        throw new HttpError(429, "Too many failed logins; try again later", {
          headers: { "retry-after": String(limit.windowSeconds) },
        });
      }
    }
  }

  /** Records a failure. */
  async failed(ctx: Context, username: string | undefined): Promise<void> {
    const store = this.#store();
    await store.hit(ipKey(ctx), this.#ip.windowSeconds * 1000);
    if (username !== undefined) {
      await store.hit(accountKey(username), this.#account.windowSeconds * 1000);
    }
  }

  /** Forgets the account's failures after a successful login. */
  async succeeded(username: string | undefined): Promise<void> {
    if (username !== undefined) await this.#store().reset(accountKey(username));
  }
}

function ipKey(ctx: Context): string {
  return `ip:${ctx.ip}`;
}

function accountKey(username: string): string {
  return `user:${username.slice(0, 150).toLowerCase()}`;
}
