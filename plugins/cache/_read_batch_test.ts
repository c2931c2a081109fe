import assert from "node:assert/strict";
import { ReadBatch } from "./_read_batch.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

/** A read whose commands the test answers by hand, recording the keys of each. */
function manualRead() {
  const calls: {
    keys: string[];
    answer(values: (Uint8Array | null)[]): void;
    fail(error: Error): void;
  }[] = [];
  const read = (keys: string[]) =>
    new Promise<(Uint8Array | null)[]>((resolve, reject) => {
      calls.push({ keys, answer: resolve, fail: reject });
    });
  return { calls, read };
}

/** Lets queued microtasks and promise callbacks run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

Deno.test("ReadBatch sends reads asked together in one command, each key once", async () => {
  const { calls, read } = manualRead();
  const reads = new ReadBatch(read, 10_000);
  const pending = [reads.get("a"), reads.get("b"), reads.get("a")];
  await settle();
  assert.deepEqual(calls.map((c) => c.keys), [["a", "b"]]);
  calls[0].answer([bytes("A"), null]);
  assert.deepEqual(await Promise.all(pending), [bytes("A"), undefined, bytes("A")]);
});

Deno.test("ReadBatch never answers a read with a command sent before it was asked", async () => {
  const { calls, read } = manualRead();
  const reads = new ReadBatch(read, 10_000);
  const first = reads.get("a");
  await settle();
  const second = reads.get("a");
  await settle();
  assert.equal(calls.length, 1, "the next command waits for the running one");
  calls[0].answer([bytes("old")]);
  assert.deepEqual(await first, bytes("old"));
  await settle();
  assert.deepEqual(calls[1].keys, ["a"]);
  calls[1].answer([bytes("new")]);
  assert.deepEqual(await second, bytes("new"));
});

Deno.test("ReadBatch rejects a failed command's reads and goes on with the next", async () => {
  const { calls, read } = manualRead();
  const reads = new ReadBatch(read, 10_000);
  const failing = reads.get("a");
  await settle();
  const later = reads.get("b");
  calls[0].fail(new Error("connection lost"));
  await assert.rejects(failing, /connection lost/);
  await settle();
  calls[1].answer([bytes("B")]);
  assert.deepEqual(await later, bytes("B"));
});

Deno.test("ReadBatch gives up on a command that does not answer within the timeout", async () => {
  const { calls, read } = manualRead();
  const reads = new ReadBatch(read, 1);
  const silent = reads.get("a");
  await assert.rejects(silent, /did not answer within 1 ms/);
  const next = reads.get("b");
  await settle();
  assert.deepEqual(calls.map((c) => c.keys), [["a"], ["b"]], "a silent command blocks nothing");
  calls[0].answer([bytes("late")]);
  calls[1].answer([bytes("B")]);
  assert.deepEqual(await next, bytes("B"));
});
