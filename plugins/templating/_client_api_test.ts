import assert from "node:assert/strict";
import * as client from "./_client_api.ts";
import * as server from "./mod.ts";

Deno.test("the browser side of the plugin exports only what mod.ts exports, the hooks identical", () => {
  for (const [name, value] of Object.entries(client)) {
    assert.ok(name in server, `mod.ts lacks "${name}"`);
    if (name !== "island") assert.equal(value, server[name as keyof typeof server], name);
  }
});

Deno.test("in the browser island() gives back the component itself", () => {
  const Plain = () => null;
  assert.equal(client.island(Plain, { name: "Plain" }), Plain);
});
