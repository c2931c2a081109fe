// The smallest Plinth app. Development: `deno task dev`. Production: `PLINTH_ENV=production
// PLINTH_SECRET_KEY=... ALLOWED_HOSTS=example.com deno serve --parallel examples/hello/main.ts`.
import { App } from "../../mod.ts";
import { logging } from "../../plugins/logging/mod.ts";

const app = new App({ allowedHosts: Deno.env.get("ALLOWED_HOSTS")?.split(",") })
  .register(logging());

app.get("/", (ctx) => ctx.html(`<h1>Hello from Plinth</h1><a href="/hello/you">greet</a>`), {
  name: "home",
});
app.get("/hello/:name", (ctx) => ctx.json({ hello: ctx.params.name }), { name: "greet" });

export default app;
