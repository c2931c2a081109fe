import type { RouteTable } from "./_compile.ts";

/** A command for `deno task manage <name>`, contributed by the app or a plugin. */
export interface Command {
  /** One line for `help`. */
  readonly description: string;
  /**
   * Runs the command on the booted app.
   *
   * @param args The arguments after the command's name.
   * @param print Writes one line of output.
   * @returns The exit code; `undefined` means 0.
   */
  run(
    args: readonly string[],
    print: (line: string) => void,
  ): number | void | Promise<number | void>;
}

/** Runs one command: the app's, or the built-in `help`, `routes` and `check`. Internal. */
export async function runCommand(
  args: readonly string[],
  commands: ReadonlyMap<string, Command>,
  table: RouteTable,
  print: (line: string) => void,
): Promise<number> {
  const [name = "help", ...rest] = args;
  const builtIn: Record<string, Command> = {
    help: {
      description: "List the commands",
      run() {
        for (const [key, command] of [...Object.entries(builtIn), ...commands]) {
          print(`${key.padEnd(18)} ${command.description}`);
        }
      },
    },
    routes: {
      description: "List every route: method, pattern and name",
      run() {
        for (const { method, info } of table.routes) {
          print(
            `${(method === "*" ? "ALL" : method).padEnd(8)} ${info.pattern}  ${info.name ?? ""}`,
          );
        }
      },
    },
    check: {
      description: "Boot the app (plugins, routes, settings) and report problems",
      run() {
        print("System check identified no issues.");
      },
    },
  };
  const command = commands.get(name) ?? builtIn[name];
  if (command === undefined) {
    print(`Unknown command "${name}"; run "help" for the list`);
    return 2;
  }
  return (await command.run(rest, print)) ?? 0;
}
