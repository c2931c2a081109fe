import { type Database, identifier, type Model, Sql, sql } from "../model/mod.ts";
import { Coalescer } from "../../core/mod.ts";
import { UserRows } from "./_user_rows.ts";
import type { AuthUser } from "./user.ts";

/** How auth reads and writes users: over the user model. Internal. */
export interface UserStore {
  readonly model: Model;
  byId(id: number): Promise<AuthUser | undefined>;
  byUsername(username: string): Promise<AuthUser | undefined>;
  update(id: number, changes: { password?: string; lastLogin?: Date }): Promise<void>;
  permissions(user: AuthUser): Promise<Set<string>>;
}

/**
 * A {@linkcode UserStore} over `userModel` (the built-in `User` or a swapped-in model). Lookups
 * by id outside a transaction are coalesced: concurrent requests share one statement.
 */
export function modelUserStore(userModel: Model, db: () => Database): UserStore {
  const objects = () => userModel.objects;
  const byIds = usersByIds(userModel, db);
  const batched = new Coalescer<number, AuthUser>(byIds);
  return {
    model: userModel,
    async byId(id) {
      if (!Number.isSafeInteger(id)) return undefined;
      if (db().inTransaction) return (await byIds([id])).get(id);
      return await batched.get(id);
    },
    async byUsername(username) {
      if (username.length > 150) return undefined;
      return await objects().filter({ username }).first() as AuthUser | undefined;
    },
    async update(id, changes) {
      await objects().filter({ pk: id }).update(changes);
    },
    async permissions(user) {
      const database = db();
      const direct = joinOf(database, `${userModel.name}_userPermissions`);
      const groups = joinOf(database, `${userModel.name}_groups`);
      const groupPerms = joinOf(database, "Group_permissions");
      const parts = [];
      if (direct !== undefined) {
        parts.push(sql`SELECT p.app, p.codename FROM auth_permission p JOIN ${direct.table} j
          ON j.${direct.to} = p.id WHERE j.${direct.from} = ${user.id}`);
      }
      if (groups !== undefined && groupPerms !== undefined) {
        parts.push(sql`SELECT p.app, p.codename FROM auth_permission p JOIN ${groupPerms.table} gp
          ON gp.${groupPerms.to} = p.id JOIN ${groups.table} ug ON ug.${groups.to} = gp.${groupPerms.from}
          WHERE ug.${groups.from} = ${user.id}`);
      }
      const names = new Set<string>();
      for (const part of parts) {
        const rows = await database.query<{ app: string; codename: string }>(part);
        for (const row of rows) names.add(`${row.app}.${row.codename}`);
      }
      return names;
    },
  };
}

/** Reads the users with the given primary keys, by key, in one statement built once. */
function usersByIds(
  userModel: Model,
  db: () => Database,
): (ids: number[]) => Promise<Map<number, AuthUser>> {
  const rows = new UserRows(userModel, "u");
  const text = `SELECT ${rows.list} FROM ${identifier(userModel.table).text} u
    WHERE u.${userModel.pk.quoted} = ANY($1::bigint[])`;
  return async function usersByIds(ids) {
    const users = new Map<number, AuthUser>();
    for (const row of await db().query(new Sql(text, [ids]))) {
      const user = rows.user(row);
      users.set(Number(user.id), user);
    }
    return users;
  };
}

/** The join table of a many-to-many field and its two key columns, as SQL identifiers. */
function joinOf(db: Database, name: string) {
  const through = db.models.get(name);
  if (through === undefined) return undefined;
  const [from, to] = [...through.fields.values()].filter((f) => f.relation?.type === "foreignKey");
  return {
    table: identifier(through.table),
    from: identifier(from.column),
    to: identifier(to.column),
  };
}
