// Serves one server module: deno run -A bench/_serve.ts <module> <port>
import type { ServerFactory } from "./_scenario.ts";

const [module, port] = Deno.args;
if (module === undefined || !/^\d+$/.test(port ?? "")) {
  throw new Error("Cannot serve: usage is deno run -A bench/_serve.ts <module> <port>");
}
const { default: factory }: { default: ServerFactory } = await import(
  new URL(module, import.meta.url).href
);
const handler = await factory();
Deno.serve({ port: Number(port), hostname: "127.0.0.1", onListen() {} }, handler);
