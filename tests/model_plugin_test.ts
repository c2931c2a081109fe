import assert from "node:assert/strict";
import { App, type Logger, type LogProperties, silentLogger } from "@plinth/plinth";
import { connect, defineModel, field, identifier, model } from "@plinth/plinth/model";

const SERVER = Deno.env.get("DATABASE_URL") ?? "postgres://postgres@127.0.0.1:5432/test";

function noteModel() {
  return defineModel("Note", { text: field.text({ maxLength: 10 }) });
}

function recordingLogger(records: Array<[string, string, LogProperties | undefined]>): Logger {
  const at = (level: string) => (message: string, properties?: LogProperties) => {
    records.push([level, message, properties]);
  };
  const logger: Logger = {
    trace: at("trace"),
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    fatal: at("fatal"),
    getChild: () => logger,
    with: () => logger,
  };
  return logger;
}

async function notesApp(options: { atomicRequests?: boolean; logger?: Logger } = {}) {
  const Note = noteModel();
  const dir = await Deno.makeTempDir();
  const app = new App({ env: "test", logger: options.logger ?? silentLogger })
    .register(model({ models: [Note], migrations: dir, atomicRequests: options.atomicRequests }));
  const timings: number[] = [];
  app.use(async function recordTiming(ctx, next) {
    const res = await next();
    timings.push(ctx.timings.get("db") ?? -1);
    return res;
  });
  app.get("/notes", async (ctx) => {
    const notes = await Note.objects.all();
    const total = await Note.objects.count();
    return ctx.json({ notes: notes.map((n) => n.text), total, queries: ctx.db.queryCount });
  });
  app.get(
    "/notes/:id",
    async (ctx) => ctx.json(await Note.objects.get({ pk: Number(ctx.params.id) })),
  );
  app.post("/notes", async (ctx) => {
    const body = await ctx.body.json() as { text: string; fail?: boolean };
    await Note.objects.create({ text: body.text });
    if (body.fail) throw new Error("after the insert");
    return ctx.json({ ok: true }, 201);
  });
  app.get("/broken", async (ctx) => ctx.json(await ctx.db.sql`SELECT * FROM no_such_table`));
  await app.boot();
  await app.db.makeMigrations();
  await app.db.migrate();
  return {
    app,
    Note,
    timings,
    close: () => app.close().then(() => Deno.remove(dir, { recursive: true })),
  };
}

const json = { headers: { accept: "application/json", "content-type": "application/json" } };

Deno.test("the model plugin adds ctx.db, counts each request's queries and records db timing", async () => {
  const { app, timings, close } = await notesApp();
  try {
    await app.request("/notes", { method: "POST", body: JSON.stringify({ text: "one" }), ...json });
    const res = await app.request("/notes", json);
    assert.deepEqual(await res.json(), { notes: ["one"], total: 1, queries: 2 });
    assert.equal(timings.length, 2);
    assert.ok(timings.every((ms) => ms >= 0));
  } finally {
    await close();
  }
});

Deno.test("model errors escaping a view become 404, 400 with field messages, or a 500 without SQL", async () => {
  const { app, close } = await notesApp();
  try {
    const missing = await app.request("/notes/999", json);
    assert.equal(missing.status, 404);
    const invalid = await app.request("/notes", {
      method: "POST",
      body: JSON.stringify({ text: "far too long" }),
      ...json,
    });
    assert.equal(invalid.status, 400);
    const body = await invalid.json();
    assert.deepEqual(Object.keys(body.error.fields), ["text"]);
    const broken = await app.request("/broken", json);
    assert.equal(broken.status, 500);
    const text = await broken.text();
    assert.doesNotMatch(text, /no_such_table|SELECT/);
  } finally {
    await close();
  }
});

Deno.test("atomicRequests rolls back a request's writes when its view throws", async () => {
  const { app, Note, close } = await notesApp({ atomicRequests: true });
  try {
    const failed = await app.request("/notes", {
      method: "POST",
      body: JSON.stringify({ text: "lost", fail: true }),
      ...json,
    });
    assert.equal(failed.status, 500);
    const ok = await app.request("/notes", {
      method: "POST",
      body: JSON.stringify({ text: "kept" }),
      ...json,
    });
    assert.equal(ok.status, 201);
    assert.deepEqual((await Note.objects.all()).map((n) => n.text), ["kept"]);
  } finally {
    await close();
  }
});

Deno.test("SQL is logged at debug level with its duration", async () => {
  const records: Array<[string, string, LogProperties | undefined]> = [];
  const { app, close } = await notesApp({ logger: recordingLogger(records) });
  try {
    records.length = 0;
    await app.request("/notes", json);
    const debug = records.filter(([level]) => level === "debug");
    assert.ok(debug.some(([, message]) => message.startsWith("SELECT")));
    assert.ok(debug.every(([, , props]) => typeof props?.durationMs === "number"));
  } finally {
    await close();
  }
});

Deno.test("development boot warns about unapplied migrations and models that do not match the database", async () => {
  const dir = await Deno.makeTempDir();
  const records: Array<[string, string, LogProperties | undefined]> = [];
  const first = new App({ env: "test", logger: silentLogger }).register(
    model({ url: `${dir}/db`, models: [noteModel()], migrations: `${dir}/migrations` }),
  );
  await first.boot();
  await first.db.makeMigrations();
  await first.close();
  const app = new App({ env: "development", logger: recordingLogger(records) })
    .register(model({ url: `${dir}/db`, models: [noteModel()], migrations: `${dir}/migrations` }));
  try {
    await app.boot();
    assert.ok(
      records.some(([level, message]) =>
        level === "warn" && /1 unapplied migration.*app:0001_initial/.test(message)
      ),
    );
    assert.ok(
      records.some(([level, message]) =>
        level === "error" && /Model "Note" has no table "note"/.test(message)
      ),
    );
  } finally {
    await app.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a busy pool answers 503 once the acquire timeout passes", async () => {
  const db = await connect("memory://", { acquireTimeoutMs: 20 });
  try {
    let release!: () => void;
    const held = new Promise<void>((resolve) => release = resolve);
    const started = Promise.withResolvers<void>();
    const tx = db.atomic(async () => {
      started.resolve();
      await held;
    });
    await started.promise;
    const error = await db.sql`SELECT 1`.catch((e) => e);
    assert.equal(error.status, 503);
    release();
    await tx;
    assert.deepEqual(await db.sql`SELECT 1 AS one`, [{ one: 1 }]);
  } finally {
    await db.close();
  }
});

Deno.test("booting against an unreachable server fails with a clear message after retrying", async () => {
  const app = new App({ env: "test", logger: silentLogger })
    .register(model({ url: "postgres://postgres@127.0.0.1:1/test", connectAttempts: 2 }));
  await assert.rejects(
    () => app.boot(),
    /Cannot connect to the database at 127\.0\.0\.1:1 after 2 attempt/,
  );
});

Deno.test("a dropped server connection fails the request with 503, leaves no partial rows, and later requests succeed", async () => {
  const schema = `plinth_t_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = await connect(SERVER, { connectAttempts: 1, poolSize: 1 });
  await admin.sql`CREATE SCHEMA ${identifier(schema)}`;
  const Note = noteModel();
  const dir = await Deno.makeTempDir();
  const app = new App({ env: "test", logger: silentLogger })
    .register(
      model({
        url: SERVER,
        schema,
        poolSize: 1,
        models: [Note],
        migrations: dir,
        atomicRequests: true,
      }),
    );
  app.post("/cut", async (ctx) => {
    await Note.objects.create({ text: "partial" });
    // The backend ends itself mid-statement, so the cut does not depend on timing.
    await ctx.db.sql`SELECT pg_terminate_backend(pg_backend_pid())`;
    return ctx.text("unreachable");
  });
  app.get("/count", async (ctx) => ctx.json(await Note.objects.count()));
  try {
    await app.boot();
    await app.db.makeMigrations();
    await app.db.migrate();
    const cut = await app.request("/cut", { method: "POST" });
    assert.equal(cut.status, 503);
    const after = await app.request("/count");
    assert.equal(after.status, 200);
    assert.equal(await after.json(), 0);
  } finally {
    await app.close();
    await admin.sql`DROP SCHEMA ${identifier(schema)} CASCADE`;
    await admin.close();
    await Deno.remove(dir, { recursive: true });
  }
});
