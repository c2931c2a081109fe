import assert from "node:assert/strict";
import { TextLineStream } from "./fixtures/text_lines.ts";

Deno.test("SIGTERM lets in-flight requests finish, tears plugins down and exits 0", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./fixtures/graceful_server.ts", import.meta.url).pathname],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).pipeThrough(new TextLineStream())
    .getReader();
  const next = async () => (await lines.read()).value;
  const port = Number((await next())?.split(" ")[1]);
  const response = fetch(`http://127.0.0.1:${port}/slow`);
  assert.equal(await next(), "in-flight");
  child.kill("SIGTERM");
  const res = await response;
  assert.equal(res.status, 200);
  assert.equal(await res.text(), "finished after SIGTERM");
  assert.equal(await next(), "teardown");
  const status = await child.status;
  assert.equal(status.code, 0);
  await lines.cancel();
});
