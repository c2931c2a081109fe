import assert from "node:assert/strict";
import { AsyncLocalStorage } from "node:async_hooks";
import { Coalescer } from "./coalescer.ts";

/** A load whose statements the test answers by hand, recording the keys of each. */
function manualLoad() {
  const calls: {
    keys: string[];
    answer(found: Map<string, string>): void;
    fail(e: Error): void;
  }[] = [];
  const load = (keys: string[]) =>
    new Promise<Map<string, string>>((resolve, reject) => {
      calls.push({ keys, answer: resolve, fail: reject });
    });
  return { calls, load };
}

/** Lets queued microtasks and promise callbacks run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

Deno.test("Coalescer sends lookups asked together in one statement, each key once", async () => {
  const { calls, load } = manualLoad();
  const lookups = new Coalescer(load);
  const pending = [lookups.get("a"), lookups.get("b"), lookups.get("a")];
  await settle();
  assert.deepEqual(calls.map((c) => c.keys), [["a", "b"]]);
  calls[0].answer(new Map([["a", "A"]]));
  assert.deepEqual(await Promise.all(pending), ["A", undefined, "A"]);
});

Deno.test("Coalescer never answers a lookup with a statement that started before it", async () => {
  const { calls, load } = manualLoad();
  const lookups = new Coalescer(load);
  const first = lookups.get("a");
  await settle();
  const second = lookups.get("a");
  const third = lookups.get("c");
  await settle();
  assert.equal(calls.length, 1, "the next statement waits for the running one");
  calls[0].answer(new Map([["a", "old"]]));
  assert.equal(await first, "old");
  await settle();
  assert.deepEqual(calls[1].keys, ["a", "c"]);
  calls[1].answer(new Map([["a", "new"], ["c", "C"]]));
  assert.deepEqual(await Promise.all([second, third]), ["new", "C"]);
});

Deno.test("Coalescer rejects a failed statement's lookups and goes on with the next", async () => {
  const { calls, load } = manualLoad();
  const lookups = new Coalescer(load);
  const failing = lookups.get("a");
  await settle();
  const later = lookups.get("b");
  calls[0].fail(new Error("connection lost"));
  await assert.rejects(failing, /connection lost/);
  await settle();
  calls[1].answer(new Map([["b", "B"]]));
  assert.equal(await later, "B");
});

Deno.test("Coalescer puts at most maxBatch keys in a statement", async () => {
  const { calls, load } = manualLoad();
  const lookups = new Coalescer(load, { maxBatch: 2 });
  const pending = ["a", "b", "c"].map((key) => lookups.get(key));
  await settle();
  assert.deepEqual(calls.map((c) => c.keys), [["a", "b"]]);
  calls[0].answer(new Map());
  await settle();
  assert.deepEqual(calls.map((c) => c.keys), [["a", "b"], ["c"]]);
  calls[1].answer(new Map([["c", "C"]]));
  assert.deepEqual(await Promise.all(pending), [undefined, undefined, "C"]);
});

Deno.test("Coalescer runs statements outside the async context of the requests asking", async () => {
  const request = new AsyncLocalStorage<string>();
  const seen: (string | undefined)[] = [];
  const lookups = new Coalescer((keys: string[]) => {
    seen.push(request.getStore());
    return Promise.resolve(new Map(keys.map((k) => [k, k])));
  });
  assert.equal(await request.run("request 1", () => lookups.get("a")), "a");
  assert.deepEqual(seen, [undefined]);
});

Deno.test("Coalescer gives up on a load that does not answer within the timeout", async () => {
  const { calls, load } = manualLoad();
  // Long enough that the second lookup's load starts before it runs out on a slow machine.
  const lookups = new Coalescer(load, { timeout: 50 });
  const silent = lookups.get("a");
  await assert.rejects(silent, /did not answer within 50 ms/);
  const next = lookups.get("b");
  await settle();
  assert.deepEqual(calls.map((c) => c.keys), [["a"], ["b"]], "a silent load blocks nothing");
  calls[0].answer(new Map([["a", "late"]]));
  calls[1].answer(new Map([["b", "B"]]));
  assert.equal(await next, "B");
});
