import assert from "node:assert/strict";
import { LineBuffer } from "./_line_buffer.ts";

function recorder() {
  const batches: string[][] = [];
  const buffer = new LineBuffer((lines) => batches.push(lines), (error) => {
    throw error;
  });
  return { batches, buffer };
}

Deno.test("LineBuffer holds lines until closed, then writes them in one batch", () => {
  const { batches, buffer } = recorder();
  buffer.push("a\n", false);
  buffer.push("b\n", false);
  assert.deepEqual(batches, []);
  buffer.close();
  assert.deepEqual(batches, [["a\n", "b\n"]]);
});

Deno.test("LineBuffer writes at once when a line is urgent, with what came before it", () => {
  const { batches, buffer } = recorder();
  buffer.push("info\n", false);
  buffer.push("error\n", true);
  assert.deepEqual(batches, [["info\n", "error\n"]]);
  buffer.close();
  assert.equal(batches.length, 1);
});

Deno.test("LineBuffer writes when 64 K characters are waiting", () => {
  const { batches, buffer } = recorder();
  const line = "x".repeat(1023) + "\n";
  for (let i = 0; i < 63; i++) buffer.push(line, false);
  assert.equal(batches.length, 0);
  buffer.push(line, false);
  assert.equal(batches.length, 1);
  assert.equal(batches[0].length, 64);
  buffer.close();
});

Deno.test("LineBuffer drops a batch whose write failed and carries on with the next", () => {
  let fail = true;
  const written: string[] = [];
  const buffer = new LineBuffer((lines) => {
    if (fail) throw new Error("disk full");
    written.push(...lines);
  }, () => {});
  assert.throws(() => buffer.push("lost\n", true), /disk full/);
  fail = false;
  buffer.push("kept\n", false);
  buffer.close();
  assert.deepEqual(written, ["kept\n"]);
});
