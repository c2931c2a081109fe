import assert from "node:assert/strict";
import type { Logger } from "../../core/mod.ts";
import { Cache } from "./cache.ts";
import { MemoryStore } from "./memory_store.ts";
import type { CacheStore } from "./store.ts";

interface Record {
  level: string;
  message: string;
  properties?: { [key: string]: unknown };
}

function recorder(records: Record[]): Logger {
  const write = (level: string) => (message: string, properties?: { [key: string]: unknown }) =>
    records.push({ level, message, properties });
  const logger: Logger = {
    trace: write("trace"),
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    fatal: write("fatal"),
    getChild: () => logger,
    with: () => logger,
  };
  return logger;
}

/** A memory store that rejects every call while `down` is set, as an unreachable server does. */
function flakyStore(clock: { now: number }) {
  const inner = new MemoryStore({ now: () => clock.now });
  const state = { down: false };
  const fail = () => Promise.reject(new Error("connect ECONNREFUSED"));
  const store: CacheStore = {
    now: () => clock.now,
    get: (key) => state.down ? fail() : inner.get(key),
    set: (key, value, ttl) => state.down ? fail() : inner.set(key, value, ttl),
    delete: (key) => state.down ? fail() : inner.delete(key),
    increment: (key, by, ttl) => state.down ? fail() : inner.increment(key, by, ttl),
    getTags: (keys) => state.down ? fail() : inner.getTags(keys),
    ensureTags: (keys, ttl) => state.down ? fail() : inner.ensureTags(keys, ttl),
    invalidateTags: (keys) => state.down ? fail() : inner.invalidateTags(keys),
    clear: (prefix) => state.down ? fail() : inner.clear(prefix),
    close: () => inner.close(),
  };
  return { store, state };
}

Deno.test("every call degrades instead of throwing while the store is down", async () => {
  const clock = { now: 0 };
  const { store, state } = flakyStore(clock);
  const records: Record[] = [];
  const cache = new Cache(store, { logger: recorder(records) });
  await cache.set("k", "v");
  state.down = true;
  assert.equal(await cache.get("k"), undefined);
  assert.equal(await cache.has("k"), false);
  assert.equal(await cache.set("k", "w"), false);
  assert.equal(await cache.set("t", "w", { tags: ["x"] }), false);
  assert.equal(await cache.delete("k"), false);
  assert.equal(await cache.increment("n"), undefined);
  assert.equal(await cache.invalidateTags(["x"]), false);
  assert.equal(await cache.clear(), false);
  let loads = 0;
  assert.equal(await cache.getOrSet("g", () => ++loads, { tags: ["x"] }), 1);
  assert.equal(await cache.getOrSet("g", () => ++loads), 2);
  state.down = false;
  assert.equal(await cache.get("k"), "v");
  assert.equal(await cache.get("g"), undefined);
});

Deno.test("store failures are logged once per ten seconds, and the recovery once", async () => {
  const clock = { now: 0 };
  const { store, state } = flakyStore(clock);
  const records: Record[] = [];
  const cache = new Cache(store, { logger: recorder(records) });
  state.down = true;
  for (let i = 0; i < 20; i++) await cache.get("k");
  assert.equal(records.length, 1);
  assert.equal(records[0].level, "warn");
  assert.equal(records[0].properties?.failures, 1);
  assert.match(String(records[0].properties?.error), /ECONNREFUSED/);
  clock.now += 10_000;
  await cache.get("k");
  assert.equal(records.length, 2);
  assert.equal(records[1].properties?.failures, 20);
  state.down = false;
  await cache.get("k");
  await cache.get("k");
  assert.deepEqual(records.slice(2).map((r) => [r.level, r.properties?.failures]), [["info", 21]]);
  state.down = true;
  await cache.get("k");
  assert.equal(records.length, 4, "a new outage warns at once");
});

Deno.test("a TypeError from the store is misuse and reaches the caller", async () => {
  const cache = new Cache(new MemoryStore());
  await cache.set("word", "abc");
  await assert.rejects(cache.increment("word"), TypeError);
});

Deno.test("an unreadable entry is a miss with a warning", async () => {
  const store = new MemoryStore();
  const records: Record[] = [];
  const cache = new Cache(store, { logger: recorder(records) });
  await store.set("plinth:1:k:junk", new TextEncoder().encode("not an entry"), 60_000);
  assert.equal(await cache.get("junk"), undefined);
  assert.equal(records.length, 1);
});

Deno.test("keys are namespaced by prefix and version", async () => {
  const store = new MemoryStore();
  await new Cache(store, { prefix: "shop", version: 3 }).set("cart", 1);
  assert.ok(await store.get("shop:3:k:cart"));
});

Deno.test("bad keys, ttls and options are refused with what to give instead", async () => {
  const cache = new Cache(new MemoryStore());
  await assert.rejects(cache.get(""), /non-empty string/);
  await assert.rejects(cache.set("k", 1, { ttl: 0 }), /ttl must be a positive number of seconds/);
  await assert.rejects(cache.set("k", 1, { ttl: Infinity }), RangeError);
  assert.throws(() => new Cache(new MemoryStore(), { ttl: -1 }), RangeError);
  assert.throws(() => new Cache(new MemoryStore(), { maxValueBytes: 0 }), RangeError);
});

Deno.test("getOrSet does not cache undefined and shares no flight between keys", async () => {
  const cache = new Cache(new MemoryStore());
  assert.equal(await cache.getOrSet("nothing", () => undefined), undefined);
  assert.equal(await cache.has("nothing"), false);
  const [a, b] = await Promise.all([
    cache.getOrSet("a", () => "A"),
    cache.getOrSet("b", () => "B"),
  ]);
  assert.deepEqual([a, b], ["A", "B"]);
});
