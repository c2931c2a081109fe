import { FieldError } from "./_errors.ts";
import type { AnyField } from "./_field.ts";
import { type Model, resolveTarget } from "./_model.ts";
import { linkOf } from "./_registry.ts";
import { quote } from "./_sql.ts";
import { type LookupName, LOOKUPS } from "./_lookups.ts";

/** A resolved path: the SQL column, its field and the model it belongs to. */
export interface Resolved {
  readonly sql: string;
  readonly field: AnyField;
  readonly model: Model;
  readonly alias: string;
  /** Whether the path crossed a relation (a join). */
  readonly joined: boolean;
}

const PART = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Splits `"author.username__icontains"` into path parts and a lookup. */
export function splitKey(model: Model, key: string): { parts: string[]; lookup: LookupName } {
  const parts = key.split(/\.|__/);
  for (const part of parts) {
    if (!PART.test(part)) {
      throw new FieldError(
        `Cannot resolve ${
          JSON.stringify(key)
        } on ${model.name}: use field names joined by "." or ` +
          `"__", with an optional lookup suffix such as "__icontains"`,
      );
    }
  }
  const last = parts[parts.length - 1];
  if (parts.length > 1 && Object.hasOwn(LOOKUPS, last)) {
    parts.pop();
    return { parts, lookup: last as LookupName };
  }
  return { parts, lookup: "exact" };
}

/**
 * Resolves a plain field path (no lookup suffix) such as `"author.username"`, joining as
 * needed and refusing private fields.
 *
 * @throws {FieldError} For a lookup suffix, an unknown field or a private one.
 */
export function resolveField(from: From, key: string): Resolved {
  const { parts, lookup } = splitKey(from.model, key);
  if (lookup !== "exact" || parts.join(".") !== key.replaceAll("__", ".")) {
    throw new FieldError(
      `Cannot use ${JSON.stringify(key)} here: name a field path without a lookup`,
    );
  }
  return from.resolve(parts, key, false);
}

/**
 * The FROM clause of one query: the base table as `t0` and the LEFT JOINs that relation paths
 * need, each made once per path.
 */
export class From {
  readonly model: Model;
  readonly #joins = new Map<string, { alias: string; model: Model }>();
  readonly #sql: string[] = [];

  constructor(model: Model) {
    this.model = model;
  }

  /** Whether any join was added. */
  get joined(): boolean {
    return this.#sql.length > 0;
  }

  /** `"table" AS t0 LEFT JOIN ...`. */
  toString(): string {
    return [`${quote(this.model.table)} AS t0`, ...this.#sql].join(" ");
  }

  /**
   * Resolves field parts to a column, joining related tables on the way.
   *
   * @param key The original key, for messages.
   * @param exactOnly Whether the lookup is an exact match (private fields allow only that).
   * @throws {FieldError} For unknown parts or private fields used unsafely.
   */
  resolve(parts: readonly string[], key: string, exactOnly: boolean): Resolved {
    let model = this.model;
    let alias = "t0";
    let path = "";
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const last = i === parts.length - 1;
      const f = part === "pk" ? model.pk : (model.fields.get(part) ?? model.fieldByKey(part));
      if (f?.private && (i > 0 || !exactOnly)) {
        throw new FieldError(
          `Cannot use private field "${model.name}.${f.name}" in ${JSON.stringify(key)}: ` +
            `private fields allow only an exact match on their own model`,
        );
      }
      path += (path ? "." : "") + part;
      if (f !== undefined && f.concrete && (f.relation === undefined || last || part === f.key)) {
        if (!last) {
          throw new FieldError(
            `Cannot resolve ${JSON.stringify(key)}: "${part}" is not a relation`,
          );
        }
        return { sql: `${alias}.${f.quoted}`, field: f, model, alias, joined: i > 0 };
      }
      const next = f !== undefined
        ? this.#forward(f, alias, path)
        : this.#reverse(model, part, alias, path);
      if (next === undefined) throw unknown(model, part, key);
      ({ model, alias } = next);
      if (last) {
        return { sql: `${alias}.${model.pk.quoted}`, field: model.pk, model, alias, joined: true };
      }
    }
    throw new FieldError(`Cannot resolve ${JSON.stringify(key)} on ${this.model.name}`);
  }

  /** Joins the model a forward relation points at; returns its alias. */
  #forward(f: AnyField, alias: string, path: string): { model: Model; alias: string } {
    const target = resolveTarget(f);
    if (f.concrete) {
      return this.#join(path, target, (b) => `${b}.${target.pk.quoted} = ${alias}.${f.quoted}`);
    }
    const link = linkOf(f);
    const via = this.#join(
      `${path}#link`,
      link.through,
      (j) => `${j}.${link.source.quoted} = ${alias}.${ownerPk(link.source)}`,
    );
    return this.#join(
      path,
      target,
      (b) => `${b}.${target.pk.quoted} = ${via.alias}.${link.target.quoted}`,
    );
  }

  #reverse(model: Model, part: string, alias: string, path: string) {
    const rel = model.reverse.get(part);
    if (rel === undefined) return undefined;
    const source = rel.model;
    if (rel.field.concrete) {
      return this.#join(
        path,
        source,
        (b) => `${b}.${rel.field.quoted} = ${alias}.${model.pk.quoted}`,
      );
    }
    const link = linkOf(rel.field);
    const via = this.#join(
      `${path}#link`,
      link.through,
      (j) => `${j}.${link.target.quoted} = ${alias}.${model.pk.quoted}`,
    );
    return this.#join(
      path,
      source,
      (b) => `${b}.${source.pk.quoted} = ${via.alias}.${link.source.quoted}`,
    );
  }

  #join(
    path: string,
    model: Model,
    on: (alias: string) => string,
  ): { model: Model; alias: string } {
    const existing = this.#joins.get(path);
    if (existing !== undefined) return existing;
    const alias = `t${this.#joins.size + 1}`;
    this.#sql.push(`LEFT JOIN ${quote(model.table)} AS ${alias} ON ${on(alias)}`);
    const joined = { alias, model };
    this.#joins.set(path, joined);
    return joined;
  }

  /** The alias a relation path was joined under (for selectRelated). */
  aliasOf(path: string): string | undefined {
    return this.#joins.get(path)?.alias;
  }
}

function ownerPk(linkField: AnyField): string {
  return resolveTarget(linkField).pk.quoted;
}

function unknown(model: Model, part: string, key: string): FieldError {
  const names = [...model.fields.keys(), ...model.reverse.keys()].filter((n) =>
    !model.fields.get(n)?.private
  );
  return new FieldError(
    `Cannot resolve ${JSON.stringify(key)}: "${part}" is not a field of ${model.name} ` +
      `(choices: ${names.join(", ")})`,
  );
}
