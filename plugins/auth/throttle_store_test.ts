import assert from "node:assert/strict";
import { MemoryThrottleStore } from "./throttle_store.ts";

Deno.test("MemoryThrottleStore counts within a window and restarts after it", async () => {
  let now = 1000;
  const store = new MemoryThrottleStore({ now: () => now });
  assert.equal(await store.hit("k", 100), 1);
  assert.equal(await store.hit("k", 100), 2);
  now = 1099;
  assert.equal(await store.count("k"), 2);
  now = 1100;
  assert.equal(await store.count("k"), 0);
  assert.equal(await store.hit("k", 100), 1);
});
