// Degradation against a real Redis (REDIS_URL, default redis://127.0.0.1:6379): the app reaches
// it through a TCP forwarder in this process, which the tests stop, restart or turn into a black
// hole. Cached routes must keep answering 200 (uncached) while Redis is unreachable or silent,
// warn at a limited rate, and serve hits again by themselves once Redis answers.
import assert from "node:assert/strict";
import { App, type Logger, silentLogger } from "@plinth/plinth";
import { cache, pageCache, RedisStore } from "@plinth/plinth/cache";
import { freePort } from "./fixtures/free_port.ts";

const REDIS = new URL(Deno.env.get("REDIS_URL") || "redis://127.0.0.1:6379");

/**
 * A TCP forwarder to Redis that the test controls: it can stop (Redis down), pause (Redis too
 * slow to answer), and `silent` ones accept connections and never answer.
 */
class Forwarder {
  readonly port: number;
  readonly #silent: boolean;
  readonly #sockets = new Set<Deno.Conn>();
  readonly #pipes = new Set<Promise<void>>();
  #waiters: (() => void)[] = [];
  #gate: Promise<void> = Promise.resolve();
  #open: () => void = () => {};
  #listener: Deno.Listener | undefined;
  #accepting: Promise<void> | undefined;

  constructor(port: number, options: { silent?: boolean } = {}) {
    this.port = port;
    this.#silent = options.silent ?? false;
  }

  start(): this {
    this.#listener = Deno.listen({ hostname: "127.0.0.1", port: this.port });
    this.#accepting = this.#accept(this.#listener);
    return this;
  }

  /** Resolves once the next client is connected through to Redis (or held, when silent). */
  nextConnection(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Holds every command on its way to Redis until {@linkcode Forwarder.resume}. */
  pause(): void {
    this.#gate = new Promise((resolve) => this.#open = resolve);
  }

  /** Lets held and later commands through. */
  resume(): void {
    this.#open();
  }

  /** Stops listening and cuts every connection, as a Redis that went down. */
  async stop(): Promise<void> {
    this.#listener?.close();
    await this.#accepting;
    for (const socket of this.#sockets) {
      try {
        socket.close();
      } catch { /* already closed by the other side */ }
    }
    this.#sockets.clear();
    await Promise.all(this.#pipes);
  }

  async #accept(listener: Deno.Listener): Promise<void> {
    try {
      for await (const client of listener) this.#pipes.add(this.#connect(client));
    } catch { /* the listener was closed */ }
  }

  async #connect(client: Deno.Conn): Promise<void> {
    this.#sockets.add(client);
    if (!this.#silent) {
      const server = await Deno.connect({
        hostname: REDIS.hostname,
        port: Number(REDIS.port || 6379),
      });
      this.#sockets.add(server);
      const gated = new TransformStream<Uint8Array, Uint8Array>({
        transform: async (chunk, controller) => {
          await this.#gate;
          controller.enqueue(chunk);
        },
      });
      this.#pipes.add(
        client.readable.pipeThrough(gated).pipeTo(server.writable).catch(() => {}),
      );
      this.#pipes.add(server.readable.pipeTo(client.writable).catch(() => {}));
    }
    for (const resolve of this.#waiters.splice(0)) resolve();
  }
}

/** Fails instead of hanging if a request never answers; not a timing assertion. */
async function answered(app: App, path: string): Promise<Response> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${path} did not answer within 10 s`)), 10_000);
  });
  try {
    return await Promise.race([app.request(path), guard]);
  } finally {
    clearTimeout(timer);
  }
}

/** An app whose `/page` is page-cached on Redis through `port`, counting renders and logs. */
async function cachedApp(
  port: number,
  store: RedisStore = new RedisStore({ url: `redis://127.0.0.1:${port}` }),
) {
  const logs: { level: string; message: string }[] = [];
  const record = (level: string) => (message: string) => logs.push({ level, message });
  const logger: Logger = {
    ...silentLogger,
    info: record("info"),
    warn: record("warn"),
    error: record("error"),
    getChild: () => logger,
  };
  const app = new App({ env: "test", logger }).register(
    cache({ store, prefix: `plinth-fault-${crypto.randomUUID().slice(0, 8)}` }),
  );
  let renders = 0;
  app.get("/page", pageCache({ ttl: 60 }), (ctx) => ctx.text(`render ${++renders}`));
  await app.boot();
  const visit = async () => {
    const res = await answered(app, "/page");
    return { status: res.status, hit: res.headers.get("age") !== null, text: await res.text() };
  };
  return { app, logs, visit, renders: () => renders };
}

Deno.test("an app starts while Redis is down, serves uncached, and caches once Redis is up", async () => {
  const port = freePort();
  const { app, logs, visit, renders } = await cachedApp(
    port,
    new RedisStore({ url: `redis://127.0.0.1:${port}`, timeout: 1000 }),
  );
  let redis: Forwarder | undefined;
  try {
    for (let i = 0; i < 5; i++) {
      assert.deepEqual(await visit(), { status: 200, hit: false, text: `render ${i + 1}` });
    }
    assert.deepEqual(logs.map((l) => l.level), ["warn"], "one warning for five failures");
    assert.match(logs[0].message, /unavailable/);
    redis = new Forwarder(port);
    const connected = redis.nextConnection();
    redis.start();
    await connected;
    assert.equal((await visit()).hit, false);
    assert.deepEqual(await visit(), { status: 200, hit: true, text: "render 6" });
    assert.equal(renders(), 6);
    assert.ok(logs.some((l) => l.level === "info" && /answers again/.test(l.message)));
    await app.cache.clear();
  } finally {
    await app.close();
    await redis?.stop();
  }
});

Deno.test("when Redis restarts, cached routes answer 200 meanwhile and hits resume after", async () => {
  const port = freePort();
  const redis = new Forwarder(port).start();
  const { app, logs, visit, renders } = await cachedApp(
    port,
    new RedisStore({ url: `redis://127.0.0.1:${port}`, timeout: 1000 }),
  );
  try {
    assert.equal((await visit()).hit, false);
    assert.deepEqual(await visit(), { status: 200, hit: true, text: "render 1" });
    await redis.stop();
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(await visit(), { status: 200, hit: false, text: `render ${i + 2}` });
    }
    assert.equal(logs.filter((l) => l.level === "warn").length, 1);
    const back = redis.nextConnection();
    redis.start();
    await back;
    assert.deepEqual(await visit(), { status: 200, hit: true, text: "render 1" });
    assert.equal(renders(), 4);
    await app.cache.clear();
  } finally {
    await app.close();
    await redis.stop();
  }
});

Deno.test("when Redis accepts but never answers, cached routes answer 200 after the timeout", async () => {
  const port = freePort();
  const silent = new Forwarder(port, { silent: true }).start();
  const connected = silent.nextConnection();
  const { app, logs, visit } = await cachedApp(port);
  try {
    await connected;
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(await visit(), { status: 200, hit: false, text: `render ${i + 1}` });
    }
    assert.deepEqual(logs.map((l) => l.level), ["warn"]);
  } finally {
    await app.close();
    await silent.stop();
  }
});

Deno.test("when Redis is too slow, cached routes answer 200 after the timeout, then hit again", async () => {
  const port = freePort();
  const redis = new Forwarder(port).start();
  const { app, logs, visit, renders } = await cachedApp(port);
  try {
    assert.equal((await visit()).hit, false);
    assert.equal((await visit()).hit, true);
    redis.pause();
    assert.deepEqual(await visit(), { status: 200, hit: false, text: "render 2" });
    assert.match(logs.find((l) => l.level === "warn")?.message ?? "", /unavailable/);
    redis.resume();
    // The held commands reach Redis late, in order: the store of render 2 that gave up
    // client-side lands after all. A late write only stores a page rendered later.
    assert.deepEqual(await visit(), { status: 200, hit: true, text: "render 2" });
    assert.equal(renders(), 2);
    await app.cache.clear();
  } finally {
    await app.close();
    await redis.stop();
  }
});
