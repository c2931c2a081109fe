import { Buffer } from "node:buffer";
import type { Redis } from "ioredis";
import { Coalescer } from "../../core/mod.ts";
import type { CacheStore } from "./store.ts";

/** Options of {@linkcode RedisStore}. */
export interface RedisStoreOptions {
  /** The server, such as `redis://:password@host:6379/0`; default `redis://127.0.0.1:6379`. */
  url?: string;
  /** Milliseconds after which a call gives up and the cache serves uncached; default 150. */
  timeout?: number;
  /**
   * The clock TTLs are counted from, in milliseconds; default `Date.now`. An entry written while
   * it reads `t` expires at `t + ttl` on the real clock, which lets tests write entries "in the
   * past" to see them expire without waiting. Redis itself only ever receives relative TTLs.
   */
  now?: () => number;
}

interface Scripts {
  plinthIncrement(key: string, by: number, px: number): Promise<number>;
  plinthEnsureTags(count: number, ...keysThenArgs: (string | number)[]): Promise<string[]>;
  plinthInvalidateTags(count: number, ...keysThenVersions: string[]): Promise<unknown>;
}

const INCREMENT = `
local sum = redis.call('INCRBY', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return sum`;
const ENSURE_TAGS = `
local px = tonumber(ARGV[1])
local out = {}
for i, key in ipairs(KEYS) do
  local version = redis.call('GET', key)
  if version then
    if redis.call('PTTL', key) < px then redis.call('PEXPIRE', key, px) end
  else
    version = ARGV[i + 1]
    redis.call('SET', key, version, 'PX', px)
  end
  out[i] = version
end
return out`;
const INVALIDATE_TAGS = `
for i, key in ipairs(KEYS) do redis.call('SET', key, ARGV[i], 'XX', 'KEEPTTL') end
return 0`;

/**
 * A store on a Redis server through `ioredis`: entries and tags are shared by every process
 * using the server, and every key has a TTL. It degrades instead of failing: it connects in the
 * background (the app starts while Redis is down), a call gives up after `timeout` milliseconds
 * or at once while disconnected, and it reconnects by itself (after 100 ms, then up to 1 s
 * apart). `ioredis` is loaded on first use. Tag invalidation relies on Lua scripts over several
 * keys, so a Redis Cluster is not supported.
 *
 * @example Sharing a cache between processes
 * ```ts
 * import { Cache, RedisStore } from "@plinth/plinth/cache";
 * import assert from "node:assert/strict";
 *
 * const store = new RedisStore({ url: Deno.env.get("REDIS_URL") ?? "redis://127.0.0.1:6379" });
 * const cache = new Cache(store, { prefix: `doc-${crypto.randomUUID()}` });
 * await store.open();
 * await cache.set("greeting", "hello", { ttl: 60 });
 * assert.equal(await cache.get("greeting"), "hello");
 * await cache.clear();
 * await cache.close();
 * ```
 */
export class RedisStore implements CacheStore {
  /** The clock TTLs are counted from. */
  readonly now: () => number;
  readonly #url: string;
  readonly #timeout: number;
  readonly #shifted: boolean;
  #client: (Redis & Scripts) | undefined;
  #loading: Promise<Redis & Scripts> | undefined;
  #attempt = 0;
  #abandoned = -1;
  #lastError = "";
  readonly #reads: Coalescer<string, Uint8Array>;

  /**
   * Creates a store; nothing connects until the first call or `open()`.
   *
   * @param options Server, timeout and clock; see {@linkcode RedisStoreOptions}.
   * @throws {TypeError} For a URL that is not `redis:` or `rediss:`.
   * @throws {RangeError} For a timeout that is not a positive number.
   */
  constructor(options: RedisStoreOptions = {}) {
    const url = options.url ?? "redis://127.0.0.1:6379";
    if (!/^rediss?:\/\//.test(url)) {
      throw new TypeError(
        "Cannot create RedisStore: the URL must start with redis:// or rediss://",
      );
    }
    const timeout = options.timeout ?? 150;
    if (!(timeout > 0) || !Number.isFinite(timeout)) {
      throw new RangeError(
        "Cannot create RedisStore: timeout must be a positive number of milliseconds",
      );
    }
    this.#url = url;
    this.#timeout = timeout;
    this.now = options.now ?? Date.now;
    this.#shifted = options.now !== undefined;
    this.#reads = new Coalescer(async (keys) => {
      const values = await (await this.#connected()).mgetBuffer(...keys);
      const found = new Map<string, Uint8Array>();
      values.forEach((value, i) => {
        if (value !== null) found.set(keys[i], value);
      });
      return found;
    }, { timeout });
  }

  /** Loads `ioredis`, starts connecting and waits at most the timeout for the connection. */
  async open(): Promise<void> {
    const client = await this.#load();
    if (client.status !== "ready") await this.#ready(client).catch(() => {});
  }

  /** The bytes under `key`; concurrent reads share one `MGET`. */
  get(key: string): Promise<Uint8Array | undefined> {
    return this.#reads.get(key);
  }

  /** Stores `value` for `ttl` ms. */
  async set(key: string, value: Uint8Array, ttl: number): Promise<void> {
    const client = await this.#connected();
    const px = this.#px(ttl);
    const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    await (px > 0 ? client.set(key, bytes, "PX", px) : client.del(key));
  }

  /** Removes `key`. */
  async delete(key: string): Promise<boolean> {
    return await (await this.#connected()).del(key) > 0;
  }

  /** Adds `by` to the integer under `key`. @throws {TypeError} For a value that is no integer. */
  async increment(key: string, by: number, ttl: number): Promise<number> {
    const client = await this.#connected();
    let sum: number;
    try {
      sum = await client.plinthIncrement(key, by, this.#px(ttl));
    } catch (error) {
      if (/not an integer|overflow/.test(String((error as Error).message))) {
        throw new TypeError(`Cannot increment "${key}": it holds no integer`, { cause: error });
      }
      throw error;
    }
    if (!Number.isSafeInteger(sum)) {
      throw new TypeError(`Cannot increment "${key}": the sum is not a safe integer`);
    }
    return sum;
  }

  /** The versions of tag keys. */
  async getTags(keys: readonly string[]): Promise<(string | undefined)[]> {
    if (keys.length === 0) return [];
    const versions = await (await this.#connected()).mget(...keys);
    return versions.map((version) => version ?? undefined);
  }

  /** The versions of tag keys, creating absent ones and extending their lives to `ttl` ms. */
  async ensureTags(keys: readonly string[], ttl: number): Promise<string[]> {
    if (keys.length === 0) return [];
    const client = await this.#connected();
    const fresh = keys.map(() => crypto.randomUUID());
    return await client.plinthEnsureTags(
      keys.length,
      ...keys,
      Math.max(1, this.#px(ttl)),
      ...fresh,
    );
  }

  /** Gives existing tag keys fresh versions. */
  async invalidateTags(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const client = await this.#connected();
    await client.plinthInvalidateTags(keys.length, ...keys, ...keys.map(() => crypto.randomUUID()));
  }

  /** Removes every key starting with `prefix`, scanning the keyspace in batches. */
  async clear(prefix: string): Promise<void> {
    const client = await this.#connected();
    const pattern = prefix.replace(/[*?[\]\\]/g, "\\$&") + "*";
    let cursor = "0";
    do {
      const [next, keys] = await client.scan(cursor, "MATCH", pattern, "COUNT", 1000);
      if (keys.length > 0) await client.unlink(...keys);
      cursor = next;
    } while (cursor !== "0");
  }

  /** Closes the connection and stops reconnecting. */
  async close(): Promise<void> {
    if (this.#loading === undefined) return;
    const client = await this.#loading;
    // Only a client with a socket emits "end" on disconnect; one waiting to reconnect just stops.
    const { status } = client;
    const ended = status === "connecting" || status === "connect" || status === "ready"
      ? new Promise((resolve) => client.once("end", resolve))
      : undefined;
    if (status === "ready") await client.quit().catch(() => {});
    client.disconnect();
    await ended;
  }

  #px(ttl: number): number {
    return this.#shifted ? Math.round(ttl + this.now() - Date.now()) : ttl;
  }

  /** The client, after waiting for a connection that is being made; fails fast otherwise. */
  async #connected(): Promise<Redis & Scripts> {
    const client = this.#client ?? await this.#load();
    if (client.status !== "ready") await this.#ready(client);
    return client;
  }

  #load(): Promise<Redis & Scripts> {
    return this.#loading ??= import("ioredis").then(({ Redis }) => {
      const client = new Redis(this.#url, {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: this.#timeout,
        connectTimeout: Math.max(1000, this.#timeout),
        retryStrategy: (times) => Math.min(times * 100, 1000),
      }) as Redis & Scripts;
      client.defineCommand("plinthIncrement", { numberOfKeys: 1, lua: INCREMENT });
      client.defineCommand("plinthEnsureTags", { lua: ENSURE_TAGS });
      client.defineCommand("plinthInvalidateTags", { lua: INVALIDATE_TAGS });
      // Errors are reported through the calls that fail; without a listener they would crash.
      client.on("error", (error: Error) => this.#lastError = `: ${error.message}`);
      client.on("ready", () => this.#lastError = "");
      client.on("connecting", () => this.#attempt++);
      client.connect().catch(() => {});
      return this.#client = client;
    });
  }

  /**
   * Waits at most the timeout for a connection attempt in progress to become ready; throws at
   * once when none is in progress, or when an earlier call already gave up on this attempt.
   */
  #ready(client: Redis): Promise<void> {
    const { status } = client;
    if ((status !== "connecting" && status !== "connect") || this.#abandoned === this.#attempt) {
      return Promise.reject(new Error(`Redis is not connected (${status})${this.#lastError}`));
    }
    const attempt = this.#attempt;
    return new Promise((resolve, reject) => {
      const done = (error?: Error) => {
        clearTimeout(timer);
        client.off("ready", onReady).off("close", onClose);
        if (error === undefined) resolve();
        else reject(error);
      };
      const onReady = () => done();
      const onClose = () => done(new Error("Redis connection closed"));
      const timer = setTimeout(() => {
        this.#abandoned = attempt;
        done(new Error(`Redis did not connect within ${this.#timeout} ms`));
      }, this.#timeout);
      client.once("ready", onReady).once("close", onClose);
    });
  }
}
