import assert from "node:assert/strict";
import { App, type Logger, silentLogger } from "../../core/mod.ts";
import { cache, type CacheStore, MemoryStore, RedisStore } from "./mod.ts";

function warningsOf(app: App): string[] {
  const warnings: string[] = [];
  const logger: Logger = {
    ...silentLogger,
    warn: (m) => void warnings.push(m),
    getChild: () => logger,
  };
  app.useLogger(logger);
  return warnings;
}

Deno.test("cache() decorates app and ctx with one cache and closes its store on teardown", async () => {
  const store = new MemoryStore();
  let closed = 0;
  const tracked: CacheStore = Object.assign(Object.create(store), {
    close: () => (closed++, store.close()),
  });
  const app = new App({ env: "test" }).register(cache({ store: tracked }));
  app.get("/", (ctx) => ctx.text(String(ctx.cache === ctx.app.cache)));
  assert.equal(await (await app.request("/")).text(), "true");
  assert.equal(app.cache.store, tracked);
  await app.close();
  assert.equal(closed, 1);
});

Deno.test("cache() uses Redis for a url and warns about process memory in production", async () => {
  const redis = new App({ env: "test" }).register(
    cache({ url: "redis://127.0.0.1:1" }),
  );
  warningsOf(redis);
  await redis.boot();
  assert.ok(redis.cache.store instanceof RedisStore);
  await redis.close();

  const production = new App({
    env: "production",
    allowedHosts: ["example.com"],
    secretKeys: ["a-production-secret-that-is-long-enough-0123456789"],
  }).register(cache({ url: "" }));
  const warnings = warningsOf(production);
  await production.boot();
  assert.ok(production.cache.store instanceof MemoryStore);
  assert.match(warnings.join("\n"), /each process has its own cache.*set REDIS_URL/);
  await production.close();
});

Deno.test("cache() refuses bad options when it is called, not at boot", () => {
  assert.throws(() => cache({ ttl: 0 }), /ttl must be a positive number of seconds/);
  assert.throws(() => cache({ maxValueBytes: 1.5 }), RangeError);
});
