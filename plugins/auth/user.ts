/**
 * What the auth plugin needs of a user row: the built-in `User` model has these fields, and a
 * swapped-in user model must have them too (more are fine). Keys are the model's row keys; the
 * columns are snake_case (`is_active`, `last_login`...).
 *
 * @example A user value
 * ```ts
 * import type { AuthUser } from "@plinth/plinth/auth";
 *
 * const ann: AuthUser = {
 *   id: 1,
 *   username: "ann",
 *   email: "ann@example.com",
 *   password: "!unusable",
 *   isActive: true,
 *   isStaff: false,
 *   isSuperuser: false,
 *   lastLogin: null,
 *   dateJoined: new Date(),
 * };
 * ```
 */
export interface AuthUser {
  /** The primary key. */
  readonly id: number;
  /** The unique login name. */
  readonly username: string;
  /** The email address; may be empty. */
  readonly email: string;
  /** The encoded password hash (a private field: never filterable from request data). */
  readonly password: string;
  /** Inactive users cannot log in, and their sessions end. */
  readonly isActive: boolean;
  /** Staff users pass `requireStaff()`. */
  readonly isStaff: boolean;
  /** Superusers have every permission. */
  readonly isSuperuser: boolean;
  /** When the user last logged in. */
  readonly lastLogin: Date | null;
  /** When the account was created. */
  readonly dateJoined: Date;
}
