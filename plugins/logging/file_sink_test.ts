import assert from "node:assert/strict";
import { App } from "../../core/mod.ts";
import { RotatingFile } from "./_file_sink.ts";
import { logging } from "./mod.ts";
import type { LogRecord } from "./sink.ts";

function record(message: string, level: LogRecord["level"] = "info"): LogRecord {
  return { timestamp: 0, level, category: ["plinth"], message, properties: { n: 1 } };
}

function lines(path: string): string[] {
  const text = Deno.readTextFileSync(path);
  return text === "" ? [] : text.slice(0, -1).split("\n");
}

function failOnError(error: unknown): void {
  throw error;
}

Deno.test("the file sink appends JSON lines and writes them at the latest on close", () => {
  const dir = Deno.makeTempDirSync();
  const path = `${dir}/logs/app.log`;
  const file = new RotatingFile({ path }, failOnError);
  file.sink(record("one"));
  file.sink(record("two"));
  assert.deepEqual(lines(path), []);
  file.close();
  assert.deepEqual(lines(path).map((line) => JSON.parse(line).message), ["one", "two"]);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("the file sink writes error records at once", () => {
  const dir = Deno.makeTempDirSync();
  const path = `${dir}/app.log`;
  const file = new RotatingFile({ path }, failOnError);
  file.sink(record("buffered"));
  file.sink(record("failure", "error"));
  assert.deepEqual(lines(path).map((line) => JSON.parse(line).message), ["buffered", "failure"]);
  file.close();
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("the file sink rotates by size and keeps maxFiles old files, newest first", () => {
  const dir = Deno.makeTempDirSync();
  const path = `${dir}/app.log`;
  const size = new TextEncoder().encode(
    JSON.stringify({
      "@timestamp": new Date(0).toISOString(),
      level: "INFO",
      message: "line-0",
      logger: "plinth",
      properties: { n: 1 },
    }) + "\n",
  ).length;
  const file = new RotatingFile({ path, maxBytes: size * 2, maxFiles: 2 }, failOnError);
  for (let i = 0; i < 7; i++) {
    file.sink(record(`line-${i}`));
    file.flush();
  }
  file.close();
  const messages = (p: string) => lines(p).map((line) => JSON.parse(line).message);
  assert.deepEqual(messages(path), ["line-6"]);
  assert.deepEqual(messages(`${path}.1`), ["line-4", "line-5"]);
  assert.deepEqual(messages(`${path}.2`), ["line-2", "line-3"]);
  assert.throws(() => Deno.statSync(`${path}.3`), Deno.errors.NotFound);
  for (const p of [path, `${path}.1`, `${path}.2`]) {
    assert.ok(Deno.statSync(p).size <= size * 2);
  }
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("one flush that crosses the size limit is split across files", () => {
  const dir = Deno.makeTempDirSync();
  const path = `${dir}/app.log`;
  const file = new RotatingFile({ path, maxBytes: 200, maxFiles: 5 }, failOnError);
  for (let i = 0; i < 6; i++) file.sink(record(`line-${i}`));
  file.close();
  const names = [...Deno.readDirSync(dir)].map((entry) => entry.name).sort();
  assert.ok(names.length > 1);
  let total = 0;
  for (const name of names) {
    assert.ok(Deno.statSync(`${dir}/${name}`).size <= 200, name);
    total += lines(`${dir}/${name}`).length;
  }
  assert.equal(total, 6);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("an unopenable log file fails at boot with the path", async () => {
  const dir = Deno.makeTempDirSync();
  Deno.writeTextFileSync(`${dir}/taken`, "a file, not a folder");
  const app = new App({ env: "test" })
    .register(logging({ console: false, file: { path: `${dir}/taken/app.log` } }));
  await assert.rejects(() => app.boot(), /Cannot open log file ".*taken\/app.log"/);
  await app.close();
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("the plugin's file sink is flushed and closed when the app closes", async () => {
  const dir = Deno.makeTempDirSync();
  const path = `${dir}/app.log`;
  const app = new App({ env: "test" })
    .register(logging({ console: false, level: "info", file: { path } }));
  app.get("/", (ctx) => ctx.text("home"));
  await app.request("/");
  await app.close();
  const [line] = lines(path).map((text) => JSON.parse(text));
  assert.equal(line.logger, "plinth.request");
  assert.equal(line.properties.status, 200);
  Deno.removeSync(dir, { recursive: true });
});
