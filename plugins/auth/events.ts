import type { Context } from "../../core/mod.ts";
import type { AuthUser } from "./user.ts";

/** The kinds of {@linkcode AuthEvent}. */
export type AuthEventType = "login" | "logout" | "login_failed";

/**
 * A sign-in event: `login` (after the session is rotated), `logout` (before it is destroyed)
 * and `login_failed` (wrong password, unknown or inactive user). Dispatched on
 * `app.auth.events`; also logged through `ctx.log`.
 *
 * @example Listening to failed logins
 * ```ts
 * import { AuthEvent } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * const events = new EventTarget();
 * const seen: string[] = [];
 * events.addEventListener("login_failed", (e) => seen.push((e as AuthEvent).username ?? ""));
 * events.dispatchEvent(new AuthEvent("login_failed", { username: "ann" }));
 * assert.deepEqual(seen, ["ann"]);
 * ```
 */
export class AuthEvent extends Event {
  /** The request, when the event happened during one. */
  readonly ctx: Context | undefined;
  /** The user who logged in or out. */
  readonly user: AuthUser | undefined;
  /** The username tried, for `login_failed`. */
  readonly username: string | undefined;

  /**
   * Creates an event.
   *
   * @param type `login`, `logout` or `login_failed`.
   * @param detail The request, the user, the username tried.
   */
  constructor(
    type: AuthEventType,
    detail: { ctx?: Context; user?: AuthUser; username?: string } = {},
  ) {
    super(type);
    this.ctx = detail.ctx;
    this.user = detail.user;
    this.username = detail.username;
  }
}
