// `deno task manage <command>`: migrate, makemigrations, createsuperuser, clearsessions, build...
import { createBlog } from "./app.ts";

const app = createBlog({ seed: false });
Deno.exit(await app.manage(Deno.args, (line) => console.log(line)));
