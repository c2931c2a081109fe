// Probes for orchestrators: /healthz (the process answers; no dependency) and /readyz (the
// database and the cache answer).
import { type Context, Router } from "@plinth/plinth";

const NO_STORE = { "cache-control": "no-store" };

/** The probe routes. */
export function health(): Router {
  const router = new Router();
  router.get("/healthz", (ctx) => ctx.json({ status: "ok" }, { headers: NO_STORE }), {
    name: "healthz",
  });
  router.get("/readyz", async (ctx) => {
    const [database, cache] = await Promise.all([databaseReady(ctx), cacheReady(ctx)]);
    const ready = database && cache;
    return ctx.json({
      status: ready ? "ok" : "unavailable",
      database: database ? "ok" : "unavailable",
      cache: cache ? "ok" : "unavailable",
    }, { status: ready ? 200 : 503, headers: NO_STORE });
  }, { name: "readyz" });
  return router;
}

async function databaseReady(ctx: Context): Promise<boolean> {
  try {
    await ctx.db.sql`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}

/** A write the cache accepts: `set` answers `false` when the store cannot be reached. */
async function cacheReady(ctx: Context): Promise<boolean> {
  return await ctx.cache.set("readyz", ctx.id, { ttl: 5 });
}
