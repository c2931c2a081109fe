// `deno task manage <command>`: routes, check, and the commands plugins add (migrate, ...).
import app from "./main.ts";

Deno.exit(await app.manage(Deno.args, (line) => console.log(line)));
