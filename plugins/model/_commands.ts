import type { Command } from "../../core/mod.ts";
import type { Database } from "./_database.ts";
import { loadAll, replay, stepsOf } from "./_migrator.ts";
import { appliedKeys } from "./_migrator.ts";

/** The `migrate`, `makemigrations`, `showmigrations` and `sqlmigrate` commands. */
export function commands(db: Database): Record<string, Command> {
  return {
    makemigrations: {
      description:
        "Write migration files for model changes ([app] [--name x] [--rename t.old=new] [--dry-run])",
      async run(args, print) {
        const flags = parseFlags(args);
        const { made, hints } = await db.makeMigrations({
          app: flags.positional[0],
          name: flags.name,
          renames: flags.rename,
          dryRun: flags.dryRun,
        });
        for (const hint of hints) print(hint);
        if (made.length === 0) print("No changes detected");
        for (const m of made) {
          print(`Migrations for "${m.app}": ${m.path}`);
          for (const op of m.operations) {
            print(`  - ${describe(op as unknown as Record<string, unknown>)}`);
          }
        }
      },
    },
    migrate: {
      description: "Apply pending migrations, or roll an app back: migrate [app name|app zero]",
      async run(args, print) {
        const [app, name] = args;
        if (app !== undefined && name === undefined) {
          print(
            "Usage: migrate, or migrate <app> <name> to roll back to a migration (zero for none)",
          );
          return 2;
        }
        const result = await db.migrate(app === undefined ? undefined : `${app}:${name}`);
        for (const key of result.applied) print(`Applied ${key}`);
        for (const key of result.unapplied) print(`Unapplied ${key}`);
        if (result.applied.length + result.unapplied.length === 0) print("No migrations to apply");
      },
    },
    showmigrations: {
      description: "List migrations and whether each is applied",
      async run(_args, print) {
        const all = await loadAll(db.apps.values());
        const applied = await appliedKeys(db);
        let app = "";
        for (const m of all) {
          if (m.app !== app) print(app = m.app);
          print(` [${applied.has(m.key) ? "X" : " "}] ${m.name}`);
        }
      },
    },
    sqlmigrate: {
      description: "Print the SQL of a migration: sqlmigrate <app> <name> [--backward]",
      async run(args, print) {
        const [app, name] = args;
        const all = await loadAll(db.apps.values());
        const index = all.findIndex((m) => m.key === `${app}:${name}`);
        if (index < 0) {
          print(`Cannot find migration "${app}:${name}"; run showmigrations`);
          return 2;
        }
        const direction = args.includes("--backward") ? "backward" : "forward";
        for (const s of stepsOf(all[index], replay(all.slice(0, index)), direction)) {
          print(typeof s === "string" ? `${s};` : "-- (data step, runs in TypeScript)");
        }
      },
    },
  };
}

function parseFlags(args: readonly string[]) {
  const out = {
    positional: [] as string[],
    name: undefined as string | undefined,
    rename: [] as string[],
    dryRun: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--name") out.name = args[++i];
    else if (arg === "--rename") out.rename.push(args[++i]);
    else if (arg === "--dry-run") out.dryRun = true;
    else out.positional.push(arg);
  }
  return out;
}

function describe(op: Record<string, unknown>): string {
  const what = String(op.op).replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
  const target = [op.table ?? op.from, op.column ?? (op.op === "renameTable" ? op.to : undefined)]
    .filter((x) => x !== undefined).join(".");
  return `${what[0].toUpperCase()}${what.slice(1)} ${target}`.trim();
}
