import { defineModel, field, type Model } from "../model/mod.ts";

/** The auth plugin's models, as made by {@linkcode defineAuthModels}. */
export interface AuthModels {
  /** Permissions: `app`, `codename`, `name`. */
  readonly Permission: Model;
  /** Groups: `name` and many-to-many `permissions`. */
  readonly Group: Model;
  /** The built-in user model (its rows meet `AuthUser`). */
  readonly User: Model;
  /** Sessions of the database store. */
  readonly Session: Model;
  /** Digests of API tokens. */
  readonly ApiToken: Model;
}

/**
 * Defines the auth plugin's models afresh (a model is bound to one database, so each `auth()`
 * plugin has its own): `Permission` (`"<app>.<codename>"` in checks), `Group`, the built-in
 * `User` (its password column is private: not filterable from request data), and the internal
 * `Session` and `ApiToken` tables. Reach them as `app.auth.models`.
 *
 * @returns The models.
 *
 * @example The tables
 * ```ts
 * import { defineAuthModels } from "@plinth/plinth/auth";
 * import assert from "node:assert/strict";
 *
 * const models = defineAuthModels();
 * assert.equal(models.User.table, "auth_user");
 * assert.equal(models.User.fields.get("password")!.private, true);
 * ```
 */
export function defineAuthModels(): AuthModels {
  const Permission = defineModel("Permission", {
    app: field.varchar({ maxLength: 100 }),
    codename: field.varchar({ maxLength: 100 }),
    name: field.varchar({ maxLength: 255 }),
  }, {
    table: "auth_permission",
    ordering: ["app", "codename"],
    constraints: [{ name: "auth_permission_app_codename_uniq", unique: ["app", "codename"] }],
  });

  const Group = defineModel("Group", {
    name: field.varchar({ maxLength: 150, unique: true }),
    permissions: field.manyToMany(Permission),
  }, { table: "auth_group" });

  const User = defineModel("User", {
    username: field.varchar({ maxLength: 150, unique: true }),
    email: field.varchar({ maxLength: 254, default: "" }),
    password: field.varchar({ maxLength: 255, private: true }),
    isActive: field.boolean({ default: true }),
    isStaff: field.boolean({ default: false }),
    isSuperuser: field.boolean({ default: false }),
    lastLogin: field.timestamp({ null: true }),
    dateJoined: field.timestamp({ autoNow: "create" }),
    groups: field.manyToMany(Group),
    userPermissions: field.manyToMany(Permission),
  }, { table: "auth_user" });

  const SessionRow = defineModel("Session", {
    key: field.varchar({ maxLength: 64, primaryKey: true }),
    userRef: field.varchar({ maxLength: 64, null: true, index: true }),
    data: field.json(),
    createdAt: field.timestamp(),
    expiresAt: field.timestamp({ index: true }),
  }, { table: "auth_session" });

  const TokenRow = defineModel("ApiToken", {
    key: field.varchar({ maxLength: 64, primaryKey: true }),
    userRef: field.integer({ index: true }),
    name: field.varchar({ maxLength: 100, default: "" }),
    createdAt: field.timestamp({ autoNow: "create" }),
  }, { table: "auth_token" });
  return { Permission, Group, User, Session: SessionRow, ApiToken: TokenRow };
}
