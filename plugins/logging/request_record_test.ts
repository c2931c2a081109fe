import assert from "node:assert/strict";
import { App, HttpError } from "../../core/mod.ts";
import { jsonLine } from "./_format.ts";
import { escapeC1, jsonString } from "./_json_text.ts";
import { type RequestProperties, RequestRecord } from "./_request_record.ts";
import { logging, memorySink } from "./mod.ts";

const CATEGORY = ["plinth", "request"];
const ORDER = [
  "method",
  "route",
  "path",
  "status",
  "durationMs",
  "bytes",
  "requestId",
  "userId",
  "slow",
  "error",
] as const;

/** A record whose properties have their keys in the request log's order, as it makes them. */
function record(changes: Partial<RequestProperties> = {}, level: "info" | "error" = "info") {
  const all: Record<string, unknown> = {
    method: "GET",
    route: "/posts/:slug",
    path: "/posts/hello",
    status: 200,
    durationMs: 1.5,
    requestId: "c8014bda-1",
    ...changes,
  };
  const properties: Record<string, unknown> = {};
  for (const key of ORDER) if (all[key] !== undefined) properties[key] = all[key];
  return new RequestRecord(level, CATEGORY, properties as RequestProperties);
}

Deno.test("jsonString() gives JSON.stringify()'s text with DEL and C1 escaped too", () => {
  const samples = [
    "",
    "/posts/hello",
    'say "hi"',
    "back\\slash",
    "/\r\n[ERROR] forged",
    "/\x1b[31mred",
    "/\x7f\x9b31m",
    "tab\there",
    "caf\u00e9 \u{1f600}",
    "lone \ud800 surrogate",
    "/posts/:id{\\d+}",
  ];
  for (const text of samples) {
    assert.equal(jsonString(text), escapeC1(JSON.stringify(text)), JSON.stringify(text));
  }
});

Deno.test("a request record's own JSON line is the one the general path writes", () => {
  const cases: RequestRecord[] = [
    record(),
    record({ bytes: 12 }),
    record({ path: '/"quoted"\\/\r\n\x1b[2J\x7f\x9b', route: "-" }),
    record({ route: "/posts/:id{\\d+}", userId: 42, slow: true }),
    record({ userId: "ann\u0085", status: 500, error: 'TypeError: bad "thing"\n' }, "error"),
    record({ method: "PROPFIND", durationMs: 1234.5, bytes: 0 }),
  ];
  for (const fast of cases) {
    const line = fast.jsonLine();
    assert.ok(line !== undefined);
    assert.equal(jsonLine(fast), line);
    // A copy is a plain record: it takes the general path.
    assert.equal(jsonLine({ ...fast }), line);
    assert.deepEqual(JSON.parse(line).properties, fast.properties);
  }
});

Deno.test("a request record with an unusual user id leaves its line to the general path", () => {
  const fast = record({ userId: { id: 7, name: "Ann" } });
  assert.equal(fast.jsonLine(), undefined);
  assert.equal(JSON.parse(jsonLine(fast)).properties.userId.name, "Ann");
});

Deno.test("the request log's records write the same JSON lines both ways", async () => {
  const sink = memorySink();
  const app = new App({ env: "test" })
    .register(logging({ console: false, level: "info", slowMs: 0, sinks: [sink] }));
  app.use((ctx, next) => {
    if (ctx.query.has("user")) (ctx.state as { user?: { id: unknown } }).user = { id: 7 };
    return next();
  });
  app.get(
    "/sized/:name",
    (ctx) => new Response(ctx.params.name, { headers: { "content-length": "1" } }),
  );
  app.get("/boom", () => {
    throw new TypeError('broken "quote"');
  });
  app.get("/gone", () => {
    throw new HttpError(410, "Gone");
  });
  for (const path of ["/sized/a?user", "/sized/%0d%0a%C2%9B", "/boom?user", "/gone", "/nowhere"]) {
    await app.request(path);
  }
  await app.request("/sized/a", { method: "HEAD" });
  await app.close();
  const lines = sink.records.filter((r) => r instanceof RequestRecord);
  assert.equal(lines.length, 6);
  for (const line of lines) assert.equal(jsonLine(line), jsonLine({ ...line }));
});
