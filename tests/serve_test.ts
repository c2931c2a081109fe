import assert from "node:assert/strict";
import { TextLineStream } from "./fixtures/text_lines.ts";
import { freePort } from "./fixtures/free_port.ts";

Deno.test("`export default app` serves with deno serve --parallel", async () => {
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "serve",
      "-A",
      "--parallel",
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "examples/hello/main.ts",
    ],
    cwd: new URL("..", import.meta.url).pathname,
    env: { PLINTH_ENV: "development", NO_COLOR: "1" },
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const lines = child.stderr.pipeThrough(new TextDecoderStream()).pipeThrough(new TextLineStream())
    .getReader();
  while (true) {
    const { value, done } = await lines.read();
    assert.ok(!done, "the server stopped before listening");
    if (value.includes("Listening on")) break;
  }
  for (let i = 0; i < 4; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/hello/deno`);
    assert.deepEqual(await res.json(), { hello: "deno" });
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
  }
  // Stopping is deno serve's own business (and its --parallel SIGTERM handling can race with a
  // worker still starting), so the test ends the process outright.
  child.kill("SIGKILL");
  await child.status;
  await lines.cancel();
});
