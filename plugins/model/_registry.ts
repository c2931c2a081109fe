import type { AnyField } from "./_field.ts";
import { field } from "./_fields.ts";
import { bindModel, defineModel, type Model, resolveTarget } from "./_model.ts";
import { camelCase } from "./_names.ts";
import type { Database } from "./_database.ts";

/** How a many-to-many field links rows: its join model and the two keys in it. */
export interface ManyToManyLink {
  readonly through: Model;
  /** The join model's key pointing at the model declaring the field. */
  readonly source: AnyField;
  /** The join model's key pointing at the other model. */
  readonly target: AnyField;
}

const links = new WeakMap<AnyField, ManyToManyLink>();

/** The join model of a registered many-to-many field. */
export function linkOf(f: AnyField): ManyToManyLink {
  const link = links.get(f);
  if (link === undefined) {
    throw new Error(`Cannot use many-to-many field "${f.name}": register its model first`);
  }
  return link;
}

/**
 * Binds models to `db`, makes join models for many-to-many fields, and records each relation
 * on the model it points at. Returns the models to add, join models included.
 */
export function registerModels(
  models: readonly Model[],
  db: Database,
  known: ReadonlyMap<string, Model>,
): Model[] {
  const added: Model[] = [];
  const names = new Map(known);
  const add = (model: Model) => {
    const other = names.get(model.name);
    if (other !== undefined && other !== model) {
      throw new Error(`Cannot register model "${model.name}": another model has that name`);
    }
    if (other === model) return;
    names.set(model.name, model);
    bindModel(model, db);
    added.push(model);
  };
  for (const model of models) add(model);
  for (const model of [...added]) {
    for (const f of model.fields.values()) {
      if (f.relation?.type !== "manyToMany") continue;
      const link = linkFor(model, f);
      links.set(f, link);
      add(link.through);
    }
  }
  for (const model of added) {
    for (const f of model.fields.values()) {
      if (f.relation === undefined) continue;
      const target = resolveTarget(f);
      if (names.get(target.name) !== target) {
        throw new Error(
          `Cannot register model "${model.name}": its relation "${f.name}" points at ` +
            `"${target.name}", which is not registered; register both models together`,
        );
      }
      const name = f.relation.relatedName ?? `${camelCase(model.name)}Set`;
      const taken = target.reverse.get(name);
      if (taken !== undefined && taken.field !== f) {
        throw new Error(
          `Cannot register model "${model.name}": "${target.name}.${name}" is already a reverse ` +
            `accessor; set relatedName on "${f.name}"`,
        );
      }
      if (target.fields.has(name)) {
        throw new Error(
          `Cannot register model "${model.name}": reverse accessor "${name}" clashes with a ` +
            `field of "${target.name}"; set relatedName on "${f.name}"`,
        );
      }
      target.reverse.set(name, { name, model, field: f });
    }
  }
  return added;
}

function linkFor(model: Model, f: AnyField): ManyToManyLink {
  const target = resolveTarget(f);
  const ref = f.relation!.through;
  if (ref !== undefined) {
    const through = typeof ref === "function" ? (ref as () => Model)() : ref as Model;
    const keys = [...through.fields.values()].filter((k) => k.relation?.type === "foreignKey");
    const source = keys.find((k) => resolveTarget(k) === model);
    const other = keys.find((k) => k !== source && resolveTarget(k) === target);
    if (source === undefined || other === undefined) {
      throw new Error(
        `Cannot use "${through.name}" as the join model of "${model.name}.${f.name}": ` +
          `it needs foreign keys to "${model.name}" and "${target.name}"`,
      );
    }
    return { through, source, target: other };
  }
  const self = target === model;
  const from = self ? `from${model.name}` : camelCase(model.name);
  const to = self ? `to${target.name}` : camelCase(target.name);
  const through = defineModel(`${model.name}_${f.name}`, {
    [from]: field.foreignKey(model, { onDelete: "cascade", relatedName: `${f.name}Links` }),
    [to]: field.foreignKey(target, {
      onDelete: "cascade",
      relatedName: `${camelCase(model.name)}${f.name}Links`,
    }),
  }, {
    table: `${model.table}_${f.column}`,
    constraints: [{ name: `${model.table}_${f.column}_uniq`, unique: [from, to] }],
  });
  return { through, source: through.fields.get(from)!, target: through.fields.get(to)! };
}
