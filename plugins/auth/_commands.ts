import type { Command } from "../../core/mod.ts";
import { type Auth, authParts } from "./auth.ts";

/** Reads `--name value` and `--name=value` flags and bare `--flag`s. */
function parseFlags(args: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--")) {
      flags.set("_", arg);
      continue;
    }
    const eq = arg.indexOf("=");
    if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (args[i + 1] !== undefined && !args[i + 1].startsWith("--")) {
      flags.set(arg.slice(2), args[++i]);
    } else flags.set(arg.slice(2), "");
  }
  return flags;
}

function interactive(flags: Map<string, string>): boolean {
  return !flags.has("no-input") && Deno.stdin.isTerminal();
}

/** Asks for a value on the terminal; `prompt` echoes input, so passwords are best given by env. */
function ask(question: string): string | undefined {
  return prompt(question) ?? undefined;
}

/** The `createsuperuser`, `changepassword` and `clearsessions` commands. */
export function authCommands(auth: () => Auth): Record<string, Command> {
  return {
    createsuperuser: {
      description: "Create a superuser (--username x --email y; password from --password or " +
        "PLINTH_SUPERUSER_PASSWORD; asks on a terminal)",
      async run(args, print) {
        const flags = parseFlags(args);
        const ask_ = interactive(flags);
        const username = flags.get("username") || (ask_ ? ask("Username:") : undefined);
        const email = flags.get("email") ?? (ask_ ? ask("Email address:") : "") ?? "";
        const password = flags.get("password") || Deno.env.get("PLINTH_SUPERUSER_PASSWORD") ||
          (ask_ ? ask("Password (shown as typed):") : undefined);
        if (!username || !password) {
          print("Give --username and a password (--password or PLINTH_SUPERUSER_PASSWORD)");
          return 2;
        }
        const problems = auth().validatePassword(password, { username, email });
        if (problems.length > 0 && !flags.has("skip-validation")) {
          for (const problem of problems) print(problem);
          print("Password refused; choose another or pass --skip-validation");
          return 1;
        }
        await auth().syncPermissions();
        const user = await auth().createUser({
          username,
          email,
          password,
          isStaff: true,
          isSuperuser: true,
        });
        print(`Superuser "${user.username}" created`);
      },
    },
    changepassword: {
      description: "Change a user's password: changepassword <username> [--password x]",
      async run(args, print) {
        const flags = parseFlags(args);
        const username = flags.get("_");
        const user = username === undefined
          ? undefined
          : await authParts(auth()).users.byUsername(username);
        if (user === undefined) {
          print(`Cannot find user "${username ?? ""}": give an existing username`);
          return 1;
        }
        const password = flags.get("password") ||
          (interactive(flags) ? ask("New password (shown as typed):") : undefined);
        if (!password) {
          print("Give --password, or run on a terminal to be asked");
          return 2;
        }
        const problems = auth().validatePassword(password, user);
        if (problems.length > 0) {
          for (const problem of problems) print(problem);
          return 1;
        }
        await auth().setPassword(user, password);
        print(`Password changed for "${user.username}"; their other sessions have ended`);
      },
    },
    clearsessions: {
      description: "Delete expired sessions",
      async run(_args, print) {
        const removed = await authParts(auth()).sessions.store.deleteExpired();
        print(`Deleted ${removed} expired session(s)`);
      },
    },
  };
}
