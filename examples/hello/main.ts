// The smallest Plinth app: `deno task dev`, or `deno serve examples/hello/main.ts` in production.
import { App } from "../../mod.ts";

const app = new App();

app.get("/", (ctx) => ctx.html(`<h1>Hello from Plinth</h1><a href="${app.url("greet", { name: "you" })}">greet</a>`), { name: "home" });
app.get("/hello/:name", (ctx) => ctx.json({ hello: ctx.params.name }), { name: "greet" });

if (import.meta.main) await app.listen({ port: Number(Deno.env.get("PORT") ?? 8000) });

export default app;
