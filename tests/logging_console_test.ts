// The console sink end to end: a child process logs requests with forged paths to standard
// error, in each format, and every line it wrote is checked as a reader of the stream sees it.
import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url);

const SCRIPT = `
import { App } from "./mod.ts";
import { logging } from "./plugins/logging/mod.ts";
const app = new App({ env: "test" }).register(logging({ level: "debug" }));
app.get("/boom", () => { throw new Error("exploded\\n[ERROR] forged"); });
app.get("/posts/:slug", (ctx) => {
  ctx.log.debug("Viewing", { slug: ctx.params.slug, headers: ctx.request.headers });
  return ctx.text("ok");
});
for (const path of ["/%0d%0a[ERROR]%20forged", "/%1b[31mred", "/posts/%0a%1b[2J", "/boom"]) {
  await app.request(path, { headers: { cookie: "sid=secret-session" } });
}
await app.close();
`;

async function stderrOf(format: "json" | "pretty"): Promise<string> {
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--config", "deno.json", "--ext=ts", SCRIPT],
    cwd: ROOT,
    env: { PLINTH_LOG_FORMAT: format, NO_COLOR: "1" },
    stdout: "null",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(stderr);
  assert.equal(code, 0, text);
  return text;
}

function hasControl(text: string): boolean {
  for (const char of text) {
    const code = char.charCodeAt(0);
    if ((code < 0x20 && code !== 0x09) || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

Deno.test("the JSON console writes one valid JSON object per line, secrets redacted", async () => {
  const text = await stderrOf("json");
  const lines = text.trimEnd().split("\n");
  const records = lines.map((line) => JSON.parse(line));
  const requests = records.filter((r) => r.logger === "plinth.request");
  assert.equal(requests.length, 4);
  assert.equal(requests[0].properties.path, "/\r\n[ERROR] forged");
  assert.equal(requests[1].properties.path, "/\x1b[31mred");
  assert.equal(records.filter((r) => r.message === "Request failed").length, 1);
  for (const line of lines) assert.equal(hasControl(line), false, line);
  assert.doesNotMatch(text, /secret-session/);
});

Deno.test("the pretty console keeps each record on one line, frames indented", async () => {
  const text = await stderrOf("pretty");
  const lines = text.trimEnd().split("\n");
  const frame = " ".repeat(4) + "at ";
  const records = lines.filter((line) => !line.startsWith(frame));
  assert.equal(records.length, 6);
  for (const line of lines) {
    assert.equal(hasControl(line), false, line);
    const record = /^\d\d:\d\d:\d\d\.\d{3} (DEBUG|INFO |ERROR) plinth/.test(line);
    assert.ok(record || line.startsWith(frame), line);
  }
  assert.doesNotMatch(text, /secret-session/);
});
