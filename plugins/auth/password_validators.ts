import { COMMON_PASSWORDS } from "./_common_passwords.ts";

/** What a validator may compare a password with: the account's attributes. */
export interface PasswordContext {
  /** The account's username. */
  readonly username?: string | null;
  /** The account's email address. */
  readonly email?: string | null;
}

/**
 * Checks a new password (Django's `AUTH_PASSWORD_VALIDATORS`): returns a message for the user
 * when the password is refused, `undefined` otherwise.
 *
 * @example A custom validator
 * ```ts
 * import { type PasswordValidator, validatePassword } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * const noSpaces: PasswordValidator = (password) =>
 *   password.includes(" ") ? "This password contains a space" : undefined;
 * assert.deepEqual(validatePassword("a b", {}, [noSpaces]), ["This password contains a space"]);
 * ```
 */
export type PasswordValidator = (password: string, user: PasswordContext) => string | undefined;

/**
 * Refuses passwords shorter than `min` characters (default 8).
 *
 * @example Checking length
 * ```ts
 * import { minimumLength } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * assert.equal(minimumLength(10)("short", {}), "This password is too short: use at least 10 characters");
 * assert.equal(minimumLength(10)("long enough!", {}), undefined);
 * ```
 */
export function minimumLength(min = 8): PasswordValidator {
  return function minimumLengthValidator(password) {
    return [...password].length < min
      ? `This password is too short: use at least ${min} characters`
      : undefined;
  };
}

let common: Set<string> | undefined;

/**
 * Refuses passwords found (case-insensitively) in a compact list of the most common passwords,
 * or in `extra`.
 *
 * @example Refusing "password1"
 * ```ts
 * import { commonPasswords } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * assert.equal(commonPasswords()("Password1", {}), "This password is too common");
 * assert.equal(commonPasswords()("violet staple gravity", {}), undefined);
 * ```
 */
export function commonPasswords(extra: readonly string[] = []): PasswordValidator {
  common ??= new Set(COMMON_PASSWORDS.split(/\s+/).filter(Boolean));
  const own = new Set(extra.map((p) => p.toLowerCase()));
  const list = common;
  return function commonPasswordValidator(password) {
    const key = password.trim().toLowerCase();
    return list.has(key) || own.has(key) ? "This password is too common" : undefined;
  };
}

/**
 * Refuses passwords made of digits only.
 *
 * @example Refusing "20240101"
 * ```ts
 * import { notNumeric } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * assert.equal(notNumeric()("20240101", {}), "This password is entirely numeric");
 * ```
 */
export function notNumeric(): PasswordValidator {
  return function numericPasswordValidator(password) {
    return /^\d+$/.test(password) ? "This password is entirely numeric" : undefined;
  };
}

/**
 * Refuses passwords too similar to the username or email (or a part of either split on
 * punctuation): a similarity ratio of `maxSimilarity` (default 0.7) or more, as Django's
 * `UserAttributeSimilarityValidator`.
 *
 * @example Refusing the username
 * ```ts
 * import { userAttributeSimilarity } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * const check = userAttributeSimilarity();
 * assert.equal(check("smith1", { email: "ann.smith@example.com" }), "This password is too similar to the email");
 * assert.equal(check("violet staple gravity", { username: "ann" }), undefined);
 * ```
 */
export function userAttributeSimilarity(maxSimilarity = 0.7): PasswordValidator {
  return function userAttributeSimilarityValidator(password, user) {
    const lowered = password.toLowerCase();
    for (const attribute of ["username", "email"] as const) {
      const value = user[attribute];
      if (typeof value !== "string" || value === "") continue;
      const parts = [value, ...value.split(/\W+/)].filter((p) => p.length > 0);
      if (parts.some((part) => similarity(lowered, part.toLowerCase()) >= maxSimilarity)) {
        return `This password is too similar to the ${attribute}`;
      }
    }
    return undefined;
  };
}

/** The validators applied when none are configured: all four built-ins with their defaults. */
export function defaultValidators(): PasswordValidator[] {
  return [userAttributeSimilarity(), minimumLength(), commonPasswords(), notNumeric()];
}

/**
 * Runs every validator and returns the messages of those that refuse the password (empty when
 * the password is acceptable).
 *
 * @param password The new password.
 * @param user The account's username and email, for similarity checks.
 * @param validators The validators; {@linkcode defaultValidators} when omitted.
 * @returns The messages, in validator order.
 *
 * @example Validating a new password
 * ```ts
 * import { validatePassword } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(validatePassword("12345", { username: "ann" }), [
 *   "This password is too short: use at least 8 characters",
 *   "This password is too common",
 *   "This password is entirely numeric",
 * ]);
 * assert.deepEqual(validatePassword("violet staple gravity", { username: "ann" }), []);
 * ```
 */
export function validatePassword(
  password: string,
  user: PasswordContext,
  validators: readonly PasswordValidator[] = defaultValidators(),
): string[] {
  return validators.map((validate) => validate(password, user)).filter((m) => m !== undefined);
}

/** 2 x matching characters / total characters, matching by longest common subsequence. */
function similarity(a: string, b: string): number {
  if (a.length === 0 && b.length === 0) return 1;
  // Bounded work: compare at most the first 256 characters of each.
  const x = a.slice(0, 256), y = b.slice(0, 256);
  let previous = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    const row = new Array<number>(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j++) {
      row[j] = x[i - 1] === y[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], row[j - 1]);
    }
    previous = row;
  }
  return (2 * previous[y.length]) / (x.length + y.length);
}
