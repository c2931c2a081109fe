import assert from "node:assert/strict";
import { App } from "../../core/mod.ts";
import { jsonLine, prettyLine } from "./_format.ts";
import { logging, type LogRecord, memorySink } from "./mod.ts";

/** Runs requests through an app and returns every record written meanwhile. */
async function recordsOf(paths: readonly string[]): Promise<LogRecord[]> {
  const sink = memorySink();
  const app = new App({ env: "test" })
    .register(logging({ console: false, level: "trace", sinks: [sink] }));
  app.get("/posts/:slug", (ctx) => {
    ctx.log.debug("Viewing", { slug: ctx.params.slug, tags: ["a", "b"], nested: { n: 1n } });
    return ctx.text(ctx.params.slug);
  });
  app.get("/boom", () => {
    throw new Error("exploded\r\n12:00:00.000 ERROR forged");
  });
  for (const path of paths) await app.request(path);
  await app.close();
  return sink.records;
}

/** Whether `text` has a C0 control other than tab, DEL, or a C1 control. */
function hasControl(text: string): boolean {
  for (const char of text) {
    const code = char.charCodeAt(0);
    if ((code < 0x20 && code !== 0x09) || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

const FORGED = ["/%0d%0a[ERROR]%20forged", "/%1b[31mred", "/posts/%0aINFO%20x%1b[2J", "/boom"];

Deno.test("request paths decoded to CR/LF and ESC reach the records raw", async () => {
  const records = await recordsOf(FORGED);
  const paths = records.filter((r) => r.category.join(".") === "plinth.request")
    .map((r) => r.properties.path);
  assert.deepEqual(paths.slice(0, 2), ["/\r\n[ERROR] forged", "/\x1b[31mred"]);
});

Deno.test("pretty lines escape CR, LF and ANSI escapes so one record is one line", async () => {
  for (const record of await recordsOf(FORGED)) {
    const text = prettyLine(record, false);
    const [first, ...frames] = text.slice(0, -1).split("\n");
    assert.equal(hasControl(first), false, first);
    for (const frame of frames) assert.match(frame, /^ {4}at /, frame);
  }
});

Deno.test("pretty lines show escaped request text instead of dropping it", async () => {
  const records = await recordsOf(FORGED);
  const lines = records.map((record) => prettyLine(record, false));
  assert.ok(lines.some((line) => line.includes(String.raw`path="/\r\n[ERROR] forged"`)));
  assert.ok(lines.some((line) => line.includes(String.raw`path=/\x1b[31mred`)));
});

Deno.test("pretty lines colour only the level, with colours on", () => {
  const record: LogRecord = {
    timestamp: 0,
    level: "error",
    category: ["plinth"],
    message: "Hello \x1b[31mred",
    properties: {},
  };
  const line = prettyLine(record, true);
  assert.equal(line.split("\x1b").length - 1, 2);
  assert.ok(line.includes(String.raw`Hello \x1b[31mred`));
});

Deno.test("every JSON line is one line of valid JSON that gives back the raw values", async () => {
  const records = await recordsOf(FORGED);
  assert.ok(records.length >= 6);
  for (const record of records) {
    const line = jsonLine(record);
    assert.ok(line.endsWith("\n"));
    assert.equal(hasControl(line.slice(0, -1)), false, line);
    const parsed = JSON.parse(line);
    assert.equal(parsed.logger, record.category.join("."));
    assert.equal(parsed.message, record.message);
    assert.equal(typeof parsed["@timestamp"], "string");
    if (record.properties.path !== undefined) {
      assert.equal(parsed.properties.path, record.properties.path);
    }
  }
});

Deno.test("JSON lines serialise errors with their stack and bigints as strings", async () => {
  const records = await recordsOf(["/boom", "/posts/x"]);
  const failed = JSON.parse(jsonLine(records.find((r) => r.message === "Request failed")!));
  assert.equal(failed.level, "ERROR");
  assert.equal(failed.properties.error.message, "exploded\r\n12:00:00.000 ERROR forged");
  assert.match(failed.properties.error.stack, /at /);
  const viewing = JSON.parse(jsonLine(records.find((r) => r.message === "Viewing")!));
  assert.equal(viewing.properties.nested.n, "1");
});

Deno.test("the fast JSON path escapes DEL and C1 controls like LogTape's", () => {
  const record: LogRecord = {
    timestamp: Date.UTC(2030, 0, 2, 3, 4, 5, 6),
    level: "warning",
    category: ["plinth", "request"],
    message: "GET - 404",
    properties: { path: "/\x7f\x9b31m" },
  };
  assert.equal(
    jsonLine(record),
    '{"@timestamp":"2030-01-02T03:04:05.006Z","level":"WARN","message":"GET - 404",' +
      String.raw`"logger":"plinth.request","properties":{"path":"/\u007f\u009b31m"}}` + "\n",
  );
});
