import type { Model } from "../model/mod.ts";
import type { AuthUser } from "./user.ts";

/**
 * How auth's per-request statements read user rows: every column of the user model, but
 * timestamps travel as whole milliseconds since the epoch, which the driver parses as a number
 * instead of parsing a date text (about half the cost of reading a row). Internal.
 */
export class UserRows {
  /** The select list, built once from the model's declared columns (quoted identifiers only). */
  readonly list: string;
  readonly #model: Model;
  readonly #timestamps: readonly string[];

  /**
   * @param model The user model.
   * @param alias The table alias the select list qualifies its columns with.
   */
  constructor(model: Model, alias: string) {
    this.#model = model;
    const columns = model.columns;
    this.#timestamps = columns.filter((f) => f.kind === "timestamp").map((f) => f.column);
    this.list = columns.map((f) =>
      f.kind === "timestamp"
        ? `floor(extract(epoch FROM ${alias}.${f.quoted}) * 1000)::float8 AS ${f.quoted}`
        : `${alias}.${f.quoted}`
    ).join(", ");
  }

  /** The user a row read with {@linkcode UserRows.list} holds (the row is reused). */
  user(row: Record<string, unknown>): AuthUser {
    for (const column of this.#timestamps) {
      const ms = row[column];
      // Whole milliseconds, as a timestamp's text would give: `floor` truncates the microseconds.
      if (ms !== null && ms !== undefined) row[column] = new Date(Number(ms));
    }
    return this.#model.fromRecord(row) as unknown as AuthUser;
  }
}
