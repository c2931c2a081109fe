// Live reload in development: a file change under a watched folder reaches open pages as a
// server-sent `reload` event. The test waits for events, never for time.
import assert from "node:assert/strict";
import { join } from "node:path";
import { testApp } from "@plinth/plinth/testing";
import { templating } from "@plinth/plinth/templating";

async function event(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  let text = "";
  while (!text.endsWith("\n\n")) {
    const { value, done } = await reader.read();
    assert.equal(done, false, "the event stream ended");
    text += new TextDecoder().decode(value);
  }
  return text;
}

Deno.test("editing a watched file tells open pages to reload", async () => {
  const dir = await Deno.makeTempDir({ prefix: "plinth-watch-" });
  const app = testApp({ env: "development" }).register(templating({ watch: [dir] }));
  app.get("/", (ctx) => ctx.render(<p>Page</p>));
  try {
    const page = await (await app.request("/")).text();
    assert.match(page, /<script nonce="[^"]+">.*EventSource\("\/_plinth\/live-reload"\)/);

    const res = await app.request("/_plinth/live-reload");
    assert.equal(res.headers.get("content-type"), "text/event-stream; charset=utf-8");
    const reader = res.body!.getReader();
    assert.match(await event(reader), /^event: hello\nretry: 500\ndata: [0-9a-f-]{36}\n\n$/);

    await Deno.writeTextFile(join(dir, "style.css"), "body { color: red }");
    assert.equal(await event(reader), "event: reload\ndata: \n\n");
    await reader.cancel();
  } finally {
    await app.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("outside development there is no live reload", async () => {
  const app = testApp().register(templating());
  app.get("/", (ctx) => ctx.render(<p>Page</p>));
  assert.doesNotMatch(await (await app.request("/")).text(), /EventSource/);
  assert.equal((await app.request("/_plinth/live-reload")).status, 404);
});
