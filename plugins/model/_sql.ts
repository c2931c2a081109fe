/**
 * A piece of SQL text with its bind parameters, built by {@linkcode sql}.
 *
 * @example A fragment holds text and parameters
 * ```ts
 * import { Sql, sql } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const fragment = sql`SELECT * FROM post WHERE id = ${7}`;
 * assert.ok(fragment instanceof Sql);
 * assert.deepEqual([fragment.text, fragment.params], ["SELECT * FROM post WHERE id = $1", [7]]);
 * ```
 */
export class Sql {
  /** The text, with `$n` placeholders numbered from 1. */
  readonly text: string;
  /** The bind parameters, in placeholder order. */
  readonly params: readonly unknown[];

  /** Use the {@linkcode sql} tag or {@linkcode identifier} instead. */
  constructor(text: string, params: readonly unknown[]) {
    this.text = text;
    this.params = params;
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Whether `name` fits the identifier pattern: a letter or `_`, then letters, digits, `_`. */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** Quotes a validated identifier. @throws {Error} For anything but a plain identifier. */
export function quote(name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new Error(
      `Invalid SQL identifier ${JSON.stringify(name)}: use letters, digits and "_" (at most 63)`,
    );
  }
  return `"${name}"`;
}

/**
 * A quoted SQL identifier (table, column, schema) for raw SQL, after checking it against a
 * strict pattern: a letter or `_`, then letters, digits or `_`, at most 63 characters.
 *
 * @example Quoting a checked identifier
 * ```ts
 * import { identifier, sql } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * assert.equal(sql`DROP SCHEMA ${identifier("test_run_1")} CASCADE`.text, 'DROP SCHEMA "test_run_1" CASCADE');
 * assert.throws(() => identifier('x"; DROP TABLE users; --'), /Invalid SQL identifier/);
 * ```
 */
export function identifier(name: string): Sql {
  return new Sql(quote(name), []);
}

/**
 * A tagged template that turns every interpolated value into a bind parameter; `Sql` fragments
 * (from `sql` or `identifier`) are spliced in with their parameters renumbered.
 *
 * @example Fragments nest, values stay parameters
 * ```ts
 * import { sql } from "@plinth/plinth/model";
 * import assert from "node:assert/strict";
 *
 * const where = sql`author_id = ${3} AND title ILIKE ${"%deno%"}`;
 * const query = sql`SELECT * FROM post WHERE ${where} LIMIT ${10}`;
 * assert.equal(query.text, "SELECT * FROM post WHERE author_id = $1 AND title ILIKE $2 LIMIT $3");
 * assert.deepEqual(query.params, [3, "%deno%", 10]);
 * ```
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  let text = strings[0];
  const params: unknown[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value instanceof Sql) {
      text += renumber(value.text, params.length);
      params.push(...value.params);
    } else {
      params.push(value);
      text += `$${params.length}`;
    }
    text += strings[i + 1];
  }
  return new Sql(text, params);
}

/** Shifts the `$n` placeholders of `text` by `offset`. */
export function renumber(text: string, offset: number): string {
  if (offset === 0) return text;
  return text.replace(/\$(\d+)/g, (_m, n) => `$${Number(n) + offset}`);
}

/** Collects bind parameters while SQL text is assembled; `add` returns the placeholder. */
export class Params {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder, such as `$3`. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
