import type { Operation } from "./_operations.ts";
import type { ColumnSpec, SchemaState, TableState } from "./_schema.ts";

/** Renames the developer confirmed: tables `old -> new`, columns `table.old -> new`. */
export interface Renames {
  readonly tables: ReadonlyMap<string, string>;
  readonly columns: ReadonlyMap<string, string>;
}

/** What `diff` found: the operations, and hints about likely renames. */
export interface Diff {
  readonly operations: Operation[];
  readonly hints: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The operations turning schema `from` into `to`.
 *
 * @param defaults One-off values for NOT NULL columns added to existing tables, by `table.column`.
 * @throws {Error} For a NOT NULL column added to an existing table without a default.
 */
export function diff(
  from: SchemaState,
  to: SchemaState,
  renames: Renames,
  defaults: ReadonlyMap<string, unknown>,
): Diff {
  const ops: Operation[] = [];
  const hints: string[] = [];
  const current: SchemaState = { ...from };
  for (const [old, name] of renames.tables) {
    if (current[old] === undefined || to[name] === undefined) {
      throw new Error(`Cannot rename table "${old}" to "${name}": check both names`);
    }
    ops.push({ op: "renameTable", from: old, to: name });
    current[name] = current[old];
    delete current[old];
  }
  const created = Object.keys(to).filter((t) => current[t] === undefined);
  const dropped = Object.keys(current).filter((t) => to[t] === undefined);
  for (const table of orderByReferences(created, to)) {
    const { columns, indexes, constraints } = to[table];
    ops.push({
      op: "createTable",
      table,
      columns,
      ...(indexes.length > 0 ? { indexes } : {}),
      ...(constraints.length > 0 ? { constraints } : {}),
    });
  }
  for (const table of Object.keys(to)) {
    if (current[table] === undefined) continue;
    diffTable(table, current[table], to[table], renames, defaults, ops, hints);
  }
  for (const table of orderByReferences(dropped, current).reverse()) {
    ops.push({ op: "dropTable", table });
  }
  return { operations: ops, hints };
}

function diffTable(
  table: string,
  from: TableState,
  to: TableState,
  renames: Renames,
  defaults: ReadonlyMap<string, unknown>,
  ops: Operation[],
  hints: string[],
): void {
  const columns = { ...from.columns };
  for (const [key, name] of renames.columns) {
    const [t, old] = key.split(".");
    if (t !== table) continue;
    if (columns[old] === undefined || to.columns[name] === undefined) {
      throw new Error(`Cannot rename column "${key}" to "${name}": check both names`);
    }
    ops.push({ op: "renameColumn", table, from: old, to: name });
    columns[name] = columns[old];
    delete columns[old];
  }
  const removedIndexes = from.indexes.filter((i) => !to.indexes.some((j) => same(i, j)));
  const removedConstraints = from.constraints.filter((c) =>
    !to.constraints.some((d) => same(c, d))
  );
  for (const c of removedConstraints) ops.push({ op: "dropConstraint", table, name: c.name });
  for (const i of removedIndexes) ops.push({ op: "dropIndex", table, name: i.name });
  const added = Object.keys(to.columns).filter((c) => columns[c] === undefined);
  const removed = Object.keys(columns).filter((c) => to.columns[c] === undefined);
  for (const column of added) {
    const spec: ColumnSpec = to.columns[column];
    const twin = removed.find((r) => columns[r].type === spec.type);
    const hint = twin === undefined
      ? undefined
      : `Did you rename ${table}.${twin} to ${column}? If so, pass --rename ${table}.${twin}=${column}`;
    if (hint !== undefined) hints.push(hint);
    const value = defaults.get(`${table}.${column}`);
    if (!spec.null && !spec.identity && value === undefined) {
      throw new Error(
        `Cannot add NOT NULL column "${table}.${column}" without a default for existing rows: ` +
          `give the field a constant default, make it nullable, or write the migration by hand` +
          (hint === undefined ? "" : `. ${hint}`),
      );
    }
    ops.push({ op: "addColumn", table, column, spec, ...(spec.null ? {} : { default: value }) });
  }
  for (const column of Object.keys(to.columns)) {
    if (columns[column] !== undefined && !same(columns[column], to.columns[column])) {
      ops.push({ op: "alterColumn", table, column, spec: to.columns[column] });
    }
  }
  for (const column of removed) ops.push({ op: "dropColumn", table, column });
  for (const i of to.indexes.filter((i) => !from.indexes.some((j) => same(i, j)))) {
    ops.push({ op: "addIndex", table, index: i });
  }
  for (const c of to.constraints.filter((c) => !from.constraints.some((d) => same(c, d)))) {
    ops.push({ op: "addConstraint", table, constraint: c });
  }
}

/** Tables ordered so that each comes after the tables it references (cycles keep input order). */
function orderByReferences(tables: string[], state: SchemaState): string[] {
  const set = new Set(tables);
  const done = new Set<string>();
  const out: string[] = [];
  const visit = (table: string, seen: Set<string>) => {
    if (done.has(table) || seen.has(table)) return;
    seen.add(table);
    for (const spec of Object.values(state[table].columns)) {
      const ref = spec.references?.table;
      if (ref !== undefined && set.has(ref) && ref !== table) visit(ref, seen);
    }
    done.add(table);
    out.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return out;
}
