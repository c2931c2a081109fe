import assert from "node:assert/strict";
import { MemoryStore } from "./memory_store.ts";

const bytes = (n: number, fill = 0) => new Uint8Array(n).fill(fill);
const text = (b: Uint8Array | undefined) =>
  b === undefined ? undefined : new TextDecoder().decode(b);

function clocked(options: { maxEntries?: number; maxBytes?: number } = {}) {
  const clock = { now: 1_000_000 };
  return { clock, store: new MemoryStore({ ...options, now: () => clock.now }) };
}

Deno.test("MemoryStore expires an entry exactly when its ttl has passed", async () => {
  const { clock, store } = clocked();
  await store.set("k", bytes(1), 1000);
  clock.now += 999;
  assert.ok(await store.get("k"));
  clock.now += 1;
  assert.equal(await store.get("k"), undefined);
  assert.equal(store.size, 0);
  assert.equal(store.bytes, 0);
});

Deno.test("MemoryStore evicts least recently used entries past maxEntries", async () => {
  const { store } = clocked({ maxEntries: 3 });
  for (const key of ["a", "b", "c"]) await store.set(key, bytes(1), 60_000);
  await store.get("a");
  await store.set("d", bytes(1), 60_000);
  assert.equal(store.size, 3);
  assert.equal(await store.get("b"), undefined);
  assert.ok(await store.get("a"));
  assert.ok(await store.get("c"));
  assert.ok(await store.get("d"));
});

Deno.test("MemoryStore keeps its byte total within maxBytes, counting keys and bookkeeping", async () => {
  const { store } = clocked({ maxBytes: 1000 });
  for (let i = 0; i < 50; i++) {
    await store.set(`key-${i}`, bytes(100 + i), 60_000);
    assert.ok(store.bytes <= 1000, `${store.bytes} bytes after ${i + 1} sets`);
  }
  assert.equal(
    store.bytes,
    [...Array(store.size)].reduce((sum: number, _, j) => {
      const i = 49 - j;
      return sum + `key-${i}`.length * 2 + 100 + i + 64;
    }, 0),
  );
});

Deno.test("MemoryStore drops a value larger than maxBytes and forgets the old one", async () => {
  const { store } = clocked({ maxBytes: 500 });
  await store.set("k", bytes(10), 60_000);
  await store.set("k", bytes(1000), 60_000);
  assert.equal(await store.get("k"), undefined);
  assert.equal(store.bytes, 0);
});

Deno.test("MemoryStore replaces an entry without counting it twice", async () => {
  const { store } = clocked();
  await store.set("k", bytes(10), 60_000);
  const once = store.bytes;
  await store.set("k", bytes(10, 1), 60_000);
  assert.equal(store.bytes, once);
  assert.deepEqual(await store.get("k"), bytes(10, 1));
});

Deno.test("MemoryStore increments keep the counter's expiry", async () => {
  const { clock, store } = clocked();
  assert.equal(await store.increment("n", 2, 1000), 2);
  clock.now += 600;
  assert.equal(await store.increment("n", 3, 1000), 5);
  clock.now += 400;
  assert.equal(await store.get("n"), undefined);
  assert.equal(await store.increment("n", 1, 1000), 1);
  await store.set("word", new TextEncoder().encode("abc"), 1000);
  await assert.rejects(store.increment("word", 1, 1000), TypeError);
  await store.set("huge", new TextEncoder().encode(String(Number.MAX_SAFE_INTEGER)), 1000);
  await assert.rejects(store.increment("huge", 1, 1000), TypeError);
});

Deno.test("MemoryStore tags: ensure creates and extends, invalidate renews only existing ones", async () => {
  const { clock, store } = clocked();
  assert.deepEqual(await store.getTags(["t"]), [undefined]);
  await store.invalidateTags(["t"]);
  assert.deepEqual(await store.getTags(["t"]), [undefined]);
  const [first] = await store.ensureTags(["t"], 1000);
  assert.deepEqual(await store.ensureTags(["t"], 5000), [first]);
  clock.now += 4000;
  assert.deepEqual(await store.getTags(["t"]), [first]);
  await store.invalidateTags(["t"]);
  const [second] = await store.getTags(["t"]);
  assert.ok(second !== undefined && second !== first);
  clock.now += 1000;
  assert.deepEqual(await store.getTags(["t"]), [undefined]);
  const [third] = await store.ensureTags(["t"], 1000);
  assert.ok(third !== first && third !== second);
});

Deno.test("MemoryStore clear removes only keys with the prefix", async () => {
  const { store } = clocked();
  await store.set("app:1:a", bytes(1), 60_000);
  await store.set("app:2:b", bytes(1), 60_000);
  await store.set("other:a", bytes(1), 60_000);
  await store.clear("app:");
  assert.equal(store.size, 1);
  assert.ok(await store.get("other:a"));
});

Deno.test("MemoryStore peek reads synchronously like get", async () => {
  const { clock, store } = clocked();
  await store.set("k", new TextEncoder().encode("v"), 1000);
  assert.equal(text(store.peek("k")), "v");
  clock.now += 1000;
  assert.equal(store.peek("k"), undefined);
});

Deno.test("MemoryStore refuses bounds that are not positive integers", () => {
  assert.throws(() => new MemoryStore({ maxEntries: 0 }), RangeError);
  assert.throws(() => new MemoryStore({ maxBytes: 1.5 }), RangeError);
});
