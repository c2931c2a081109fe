import assert from "node:assert/strict";
import { Cache, RedisStore } from "@plinth/plinth/cache";

const REDIS_URL = Deno.env.get("REDIS_URL") ?? "redis://127.0.0.1:6379";

Deno.test("a tag invalidated by another process invalidates entries cached by this one", async () => {
  const prefix = `two-processes-${crypto.randomUUID().slice(0, 8)}`;
  const store = new RedisStore({ url: REDIS_URL });
  const cache = new Cache(store, { prefix });
  try {
    await cache.set("home", "<h1>old posts</h1>", { tags: ["posts"] });
    await cache.set("about", "<h1>about</h1>", { tags: ["pages"] });
    assert.equal(await cache.get("home"), "<h1>old posts</h1>");
    const child = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        new URL("./fixtures/cache_invalidate.ts", import.meta.url).pathname,
        REDIS_URL,
        prefix,
        "posts",
      ],
    }).output();
    assert.equal(child.code, 0, new TextDecoder().decode(child.stderr));
    assert.equal(await cache.get("home"), undefined);
    assert.equal(await cache.get("about"), "<h1>about</h1>");
  } finally {
    await cache.clear();
    await store.close();
  }
});
