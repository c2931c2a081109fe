import assert from "node:assert/strict";
import { Gate } from "./_gate.ts";

Deno.test("Gate grants free capacity at once and queues the rest in arrival order", async () => {
  const gate = new Gate(2, 60_000);
  assert.equal(gate.acquire(), undefined);
  assert.equal(gate.acquire(), undefined);
  const order: string[] = [];
  const whole = gate.acquire(2)!.then(() => order.push("whole"));
  const single = gate.acquire()!.then(() => order.push("single"));
  gate.release();
  await Promise.resolve();
  assert.deepEqual(order, []);
  gate.release();
  await whole;
  assert.deepEqual(order, ["whole"]);
  gate.release(2);
  await single;
  assert.deepEqual(order, ["whole", "single"]);
  gate.release();
  assert.equal(gate.acquire(2), undefined);
});

Deno.test("Gate fails a wait with 503 once the timeout passes, and the capacity stays free", async () => {
  const gate = new Gate(2, 1);
  assert.equal(gate.acquire(), undefined);
  const error = await gate.acquire(2)!.catch((e) => e);
  assert.equal(error.status, 503);
  assert.equal(error.headers.get("retry-after"), "1");
  assert.equal(gate.acquire(), undefined);
  gate.release(2);
  assert.equal(gate.acquire(2), undefined);
});
