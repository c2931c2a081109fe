// Streaming renders, read chunk by chunk: the shell and head come first, boundaries follow as
// their data resolves (timed by promises the test resolves), and failures keep the fallback.
import assert from "node:assert/strict";
import { testApp } from "@plinth/plinth/testing";
import { Await, Head, templating } from "@plinth/plinth/templating";

function deferred<T>() {
  return Promise.withResolvers<T>();
}

async function next(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  const { value, done } = await reader.read();
  assert.equal(done, false, "the stream ended early");
  return new TextDecoder().decode(value);
}

async function rest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  let text = "";
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    text += new TextDecoder().decode(chunk.value);
  }
  return text;
}

Deno.test("a streamed page sends head and shell first, then each boundary as it resolves", async () => {
  const slow = deferred<string[]>();
  const slower = deferred<number>();
  const app = testApp().register(templating());
  app.get("/", (ctx) =>
    ctx.render(
      <main>
        <Head>
          <title>Dashboard</title>
        </Head>
        <h1>Dashboard</h1>
        <Await promise={slow.promise} fallback={<p>Loading posts…</p>}>
          {(posts) => <ul>{posts.map((post) => <li key={post}>{post}</li>)}</ul>}
        </Await>
        <Await promise={slower.promise} fallback={<p>Counting…</p>}>
          {(count) => <p>{count} visitors</p>}
        </Await>
        <footer>End</footer>
      </main>,
      { stream: true },
    ));
  const res = await app.request("/");
  assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
  const nonce = res.headers.get("content-security-policy")!.match(/'nonce-([^']+)'/)![1];
  const reader = res.body!.getReader();

  const head = await next(reader);
  assert.match(
    head,
    /^<!DOCTYPE html><html lang="en"><head>.*<title>Dashboard<\/title><\/head><body>$/,
  );
  const shell = await next(reader);
  assert.match(shell, /<h1>Dashboard<\/h1><!--\$s:[^>]+--><p>Loading posts…<\/p>/);
  assert.match(shell, /<p>Counting…<\/p><!--\/\$s:[^>]+--><footer>End<\/footer><\/main>$/);
  assert.doesNotMatch(shell, /visitors|<li>/);
  assert.equal(await next(reader), "<div hidden>");
  assert.match(
    await next(reader),
    new RegExp(`^<script nonce="${nonce.replace(/[+/]/g, "\\$&")}">`),
  );

  slower.resolve(42);
  assert.match(
    await next(reader),
    /^<preact-island hidden data-target="[^"]+"><p>42 visitors<\/p>/,
  );
  slow.resolve(["First", "Second"]);
  assert.match(await next(reader), /<ul><li ?>First<\/li><li ?>Second<\/li><\/ul>/);
  assert.equal(await rest(reader), "</div></body></html>");
});

Deno.test("a rejected boundary shows its error content and the page completes", async () => {
  const data = deferred<string>();
  const app = testApp().register(templating());
  app.get("/", (ctx) =>
    ctx.render(
      <div>
        <Await
          promise={data.promise}
          fallback={<p>Loading…</p>}
          error={() => <p class="error">Could not load</p>}
        >
          {(value) => <p>{value}</p>}
        </Await>
        <p>After</p>
      </div>,
      { stream: true },
    ));
  const reader = (await app.request("/")).body!.getReader();
  await next(reader);
  assert.match(await next(reader), /<p>Loading…<\/p>.*<p>After<\/p>/);
  data.reject(new Error("database down"));
  const tail = await rest(reader);
  assert.match(tail, /<preact-island hidden data-target="[^"]+"><p class="error">Could not load/);
  assert.match(tail, /<\/div><\/body><\/html>$/);
});

Deno.test("a boundary whose content throws keeps its fallback", async () => {
  const data = deferred<string>();
  function Broken({ value }: { value: string }): never {
    throw new Error(`cannot show ${value}`);
  }
  const app = testApp().register(templating());
  app.get("/", (ctx) =>
    ctx.render(
      <div>
        <Await promise={data.promise} fallback={<p>Loading…</p>}>
          {(value) => <Broken value={value} />}
        </Await>
      </div>,
      { stream: true },
    ));
  const reader = (await app.request("/")).body!.getReader();
  await next(reader);
  assert.match(await next(reader), /<p>Loading…<\/p>/);
  data.resolve("x");
  const tail = await rest(reader);
  assert.doesNotMatch(tail, /preact-island hidden|undefined/);
  assert.match(tail, /<\/div><\/body><\/html>$/);
});

Deno.test("a shell that throws becomes an ordinary error page, nothing half-sent", async () => {
  function Broken(): never {
    throw new Error("shell failed");
  }
  const app = testApp().register(templating());
  app.get("/", (ctx) => ctx.render(<Broken />, { stream: true }));
  const res = await app.request("/", { headers: { accept: "text/html" } });
  assert.equal(res.status, 500);
  assert.match(await res.text(), /<h1>500 Internal Server Error<\/h1>/);
});

Deno.test("without streaming, Await waits for its data", async () => {
  const data = deferred<string>();
  const app = testApp().register(templating());
  app.get("/", (ctx) =>
    ctx.render(
      <Await promise={data.promise} fallback={<p>Loading…</p>}>
        {(value) => <p>{value}</p>}
      </Await>,
    ));
  const pending = app.request("/");
  data.resolve("Ready");
  const html = await (await pending).text();
  assert.match(html, /<body>(<!--\$s-->)?<p>Ready<\/p>/);
  assert.doesNotMatch(html, /Loading/);
});
