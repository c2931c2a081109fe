// One contract for every cache store, run against the memory store and a real Redis server
// (REDIS_URL, default redis://127.0.0.1:6379; the Redis half fails when it is unreachable).
// Time is a clock offset from the real clock: entries are written "in the past" to see them
// expire, which works alike for the memory store and for Redis's own expiry.
import assert from "node:assert/strict";
import type { Logger } from "@plinth/plinth";
import { Cache, type CacheStore, MemoryStore, RedisStore } from "@plinth/plinth/cache";

const REDIS_URL = Deno.env.get("REDIS_URL") || "redis://127.0.0.1:6379";
const RUN = `plinth-test-${crypto.randomUUID().slice(0, 8)}`;

interface Clock {
  offset: number;
  now: () => number;
}

interface Subject {
  name: string;
  /** A store, and a second store reaching the same data as another process would. */
  open(clock: Clock): { store: CacheStore; twin: () => CacheStore };
  bounded: boolean;
}

const subjects: Subject[] = [
  {
    name: "memory store",
    open(clock) {
      const store = new MemoryStore({ now: clock.now, maxBytes: 4000 });
      return { store, twin: () => store };
    },
    bounded: true,
  },
  {
    name: "Redis store",
    open(clock) {
      const store = new RedisStore({ url: REDIS_URL, now: clock.now, timeout: 2000 });
      return {
        store,
        twin: () => new RedisStore({ url: REDIS_URL, now: clock.now, timeout: 2000 }),
      };
    },
    bounded: false,
  },
];

/** A logger that records warnings, so that a test fails when the cache silently degrades. */
function recordingLogger(warnings: string[]): Logger {
  const logger: Logger = {
    trace() {},
    debug() {},
    info() {},
    warn: (message, properties) => warnings.push(`${message} ${JSON.stringify(properties)}`),
    error: (message) => warnings.push(message),
    fatal: (message) => warnings.push(message),
    getChild: () => logger,
    with: () => logger,
  };
  return logger;
}

interface Fixture {
  clock: Clock;
  prefix: string;
  store: CacheStore;
  cache: Cache;
  /** Another cache over the same data, as another process would have. */
  other: () => Promise<Cache>;
  /** A cache with other options over the same store. */
  variant: (options: { prefix?: string; version?: number }) => Cache;
}

function contract(subject: Subject, name: string, body: (f: Fixture) => Promise<void>): void {
  Deno.test(`${subject.name}: ${name}`, async () => {
    const clock: Clock = { offset: 0, now: () => Date.now() + clock.offset };
    const warnings: string[] = [];
    const logger = recordingLogger(warnings);
    const prefix = `${RUN}-${crypto.randomUUID().slice(0, 8)}`;
    const { store, twin } = subject.open(clock);
    await store.open?.();
    const cache = new Cache(store, { prefix, logger });
    const opened: CacheStore[] = [];
    try {
      await body({
        clock,
        prefix,
        store,
        cache,
        other: async () => {
          const second = twin();
          if (second !== store) opened.push(second);
          await second.open?.();
          return new Cache(second, { prefix, logger });
        },
        variant: (options) => new Cache(store, { prefix, logger, ...options }),
      });
      assert.deepEqual(warnings, [], "the cache degraded during the test");
    } finally {
      clock.offset = 0;
      await store.clear(`${prefix}:`).catch(() => {});
      await Promise.all([store, ...opened].map((s) => s.close()));
    }
  });
}

for (const subject of subjects) {
  contract(
    subject,
    "the store answers (this fails when the server is unreachable)",
    async ({ store }) => {
      const key = `${RUN}:reachable`;
      await store.set(key, new Uint8Array([1, 2, 3]), 60_000);
      assert.deepEqual([...(await store.get(key))!], [1, 2, 3]);
      assert.equal(await store.delete(key), true);
    },
  );

  contract(subject, "values of every supported type survive a round trip", async ({ cache }) => {
    const value = {
      text: 'héllo \u2603 \n "quoted"',
      numbers: [0, -1.5, 2 ** 60, NaN, Infinity, -Infinity],
      flags: [true, false, null],
      when: new Date("2024-02-29T12:34:56.789Z"),
      invalid: new Date(NaN),
      bytes: new Uint8Array([0, 1, 254, 255]),
      map: new Map<unknown, unknown>([["a", 1], [2, new Set(["x"])], [{ k: 1 }, [new Date(0)]]]),
      set: new Set([1, "two", 3n]),
      big: 12345678901234567890n,
      missing: undefined,
      holes: [undefined, 1],
      tagLike: { $t: "date", v: 0 },
      nested: { deep: { $t: "bytes", v: "AAE=" } },
      ["__proto__"]: { polluted: true },
    };
    assert.equal(await cache.set("everything", value), true);
    const back = await cache.get<typeof value>("everything");
    assert.deepEqual(back, value);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    for (
      const top of ["text", 42, -7, 1.25, 2 ** 60, 0n, true, null, new Date(1), new Uint8Array([9])]
    ) {
      await cache.set("top", top);
      assert.deepEqual(await cache.get("top"), top);
    }
  });

  contract(subject, "unsupported values are refused with a TypeError", async ({ cache }) => {
    await assert.rejects(cache.set("x", undefined), TypeError);
    await assert.rejects(cache.set("x", { f: () => 1 }), TypeError);
    await assert.rejects(cache.set("x", new (class Point {})()), TypeError);
    await assert.rejects(cache.set("x", /re/), TypeError);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    await assert.rejects(cache.set("x", loop), TypeError);
    assert.equal(await cache.has("x"), false);
  });

  contract(
    subject,
    "an entry is served until its ttl has passed, then expires",
    async ({ cache, clock }) => {
      clock.offset = -10_000;
      await cache.set("young", "still here", { ttl: 60 });
      clock.offset = -70_000;
      await cache.set("old", "gone", { ttl: 60 });
      clock.offset = 0;
      assert.equal(await cache.get("young"), "still here");
      assert.equal(await cache.get("old"), undefined);
      assert.equal(await cache.has("old"), false);
    },
  );

  contract(
    subject,
    "delete removes an entry and reports whether it was there",
    async ({ cache }) => {
      await cache.set("k", { a: 1 });
      assert.equal(await cache.has("k"), true);
      assert.equal(await cache.delete("k"), true);
      assert.equal(await cache.delete("k"), false);
      assert.equal(await cache.get("k"), undefined);
    },
  );

  contract(
    subject,
    "increment counts from zero, reads back as a number and refuses non-integers",
    async ({ cache, clock }) => {
      assert.equal(await cache.increment("hits"), 1);
      assert.equal(await cache.increment("hits", 5), 6);
      assert.equal(await cache.increment("hits", -10), -4);
      assert.equal(await cache.get("hits"), -4);
      await cache.set("seeded", 10);
      assert.equal(await cache.increment("seeded"), 11);
      await cache.set("words", "ten");
      await assert.rejects(cache.increment("words"), TypeError);
      await assert.rejects(cache.increment("hits", 1.5), RangeError);
      clock.offset = -70_000;
      assert.equal(await cache.increment("old", 3, { ttl: 60 }), 3);
      clock.offset = 0;
      assert.equal(await cache.increment("old", 3, { ttl: 60 }), 3);
    },
  );

  contract(
    subject,
    "invalidating a tag makes its entries stale and leaves the others",
    async ({ cache }) => {
      await cache.set("a", "A", { tags: ["posts"] });
      await cache.set("b", "B", { tags: ["users"] });
      await cache.set("ab", "AB", { tags: ["users", "posts"] });
      await cache.set("plain", "P");
      assert.equal(await cache.invalidateTags(["posts"]), true);
      assert.equal(await cache.get("a"), undefined);
      assert.equal(await cache.get("ab"), undefined);
      assert.equal(await cache.get("b"), "B");
      assert.equal(await cache.get("plain"), "P");
      await cache.set("a", "A2", { tags: ["posts"] });
      assert.equal(await cache.get("a"), "A2");
      assert.equal(await cache.invalidateTags(["never-used"]), true);
      assert.equal(await cache.get("a"), "A2");
    },
  );

  contract(
    subject,
    "a tag invalidated while a value loads leaves that value stale",
    async ({ cache }) => {
      const value = await cache.getOrSet("racy", async () => {
        await cache.invalidateTags(["feed"]); // another request edits the data mid-load
        return "loaded before the edit";
      }, { tags: ["feed"] });
      assert.equal(value, "loaded before the edit");
      assert.equal(await cache.get("racy"), undefined);
    },
  );

  contract(subject, "an invalidation by one process reaches another", async ({ cache, other }) => {
    const second = await other();
    await cache.set("shared", "v1", { tags: ["shared-tag"] });
    assert.equal(await second.get("shared"), "v1");
    await second.invalidateTags(["shared-tag"]);
    assert.equal(await cache.get("shared"), undefined);
  });

  contract(subject, "getOrSet runs the loader once for concurrent misses", async ({ cache }) => {
    let loads = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => release = resolve);
    const loader = async () => {
      loads++;
      await gate;
      return { loaded: loads };
    };
    const waiting = Array.from({ length: 10 }, () => cache.getOrSet("flight", loader));
    release();
    const results = await Promise.all(waiting);
    assert.equal(loads, 1);
    for (const result of results) assert.deepEqual(result, { loaded: 1 });
    assert.deepEqual(await cache.getOrSet("flight", loader), { loaded: 1 });
    assert.equal(loads, 1);
  });

  contract(subject, "a failed load reaches every waiter and is not cached", async ({ cache }) => {
    let loads = 0;
    const failing = () => {
      loads++;
      return Promise.reject(new Error("database down"));
    };
    const results = await Promise.allSettled([
      cache.getOrSet("f", failing),
      cache.getOrSet("f", failing),
    ]);
    assert.deepEqual(results.map((r) => r.status), ["rejected", "rejected"]);
    assert.equal(loads, 1);
    assert.equal(await cache.getOrSet("f", () => "recovered"), "recovered");
  });

  contract(
    subject,
    "clear removes this prefix's entries and no one else's",
    async ({ cache, variant }) => {
      const neighbour = variant({ prefix: `${RUN}-neighbour-${crypto.randomUUID().slice(0, 8)}` });
      await cache.set("mine", 1);
      await cache.increment("counter");
      await neighbour.set("theirs", 2);
      assert.equal(await cache.clear(), true);
      assert.equal(await cache.get("mine"), undefined);
      assert.equal(await cache.get("counter"), undefined);
      assert.equal(await neighbour.get("theirs"), 2);
      await neighbour.clear();
    },
  );

  contract(subject, "changing the version invalidates everything", async ({ cache, variant }) => {
    await cache.set("page", "v1 data");
    const bumped = variant({ version: 2 });
    assert.equal(await bumped.get("page"), undefined);
    await bumped.set("page", "v2 data");
    assert.equal(await cache.get("page"), "v1 data");
    assert.equal(await bumped.get("page"), "v2 data");
  });

  contract(
    subject,
    "a value larger than maxValueBytes is refused with a warning",
    async ({ store, prefix }) => {
      const warnings: string[] = [];
      const small = new Cache(store, {
        prefix,
        maxValueBytes: 100,
        logger: recordingLogger(warnings),
      });
      assert.equal(await small.set("big", "x".repeat(200)), false);
      assert.equal(await small.get("big"), undefined);
      assert.equal(await small.set("fits", "x".repeat(50)), true);
      assert.equal(warnings.length, 1);
    },
  );

  if (subject.bounded) {
    contract(
      subject,
      "least recently used entries are evicted under the byte bound",
      async ({ cache, store }) => {
        const memory = store as MemoryStore;
        const chunk = "x".repeat(500);
        await cache.set("first", chunk);
        await cache.set("second", chunk);
        await cache.set("third", chunk);
        assert.equal(await cache.get("first"), chunk); // now the most recently used
        for (let i = 0; i < 4; i++) await cache.set(`filler-${i}`, chunk);
        assert.ok(memory.bytes <= 4000, `${memory.bytes} bytes kept`);
        assert.equal(await cache.get("second"), undefined);
        assert.equal(await cache.get("first"), chunk);
      },
    );
  }
}
