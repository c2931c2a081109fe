// Streaming time to first byte: deno run -A bench/templating_ttfb.tsx [requests]
// A page whose data takes 200 ms, rendered with ctx.render(page, { stream: true }): the head and
// the shell (with the boundary's fallback) must arrive in under 20 ms, the data 200 ms later in
// the same response. Prints the median and p95 over the requests, after a short warm-up.
import { Await, Head, templating } from "../plugins/templating/mod.ts";
import { benchApp } from "./servers/_plinth.ts";
import { type Item, ITEMS, ItemTable, Site } from "./servers/templating_page.tsx";

const DELAY_MS = 200;
const TARGET_MS = 20;
const requests = Number(Deno.args[0] ?? 30);

const app = benchApp().register(templating({ layout: Site }));
app.get("/slow", (ctx) => {
  const items = new Promise<Item[]>((resolve) => setTimeout(() => resolve(ITEMS), DELAY_MS));
  return ctx.render(
    <>
      <Head>
        <title>Items</title>
      </Head>
      <h1>Items</h1>
      <Await promise={items} fallback={<p>Loading items…</p>}>
        {(list) => <ItemTable items={list} />}
      </Await>
    </>,
    { stream: true },
  );
});
const server = await app.listen({
  port: 0,
  hostname: "127.0.0.1",
  handleSignals: false,
  onListen() {},
});
const url = `http://127.0.0.1:${server.addr.port}/slow`;

async function measure(): Promise<{ firstByte: number; total: number }> {
  const started = performance.now();
  const res = await fetch(url, { headers: { "accept-encoding": "identity" } });
  const reader = res.body!.getReader();
  const first = await reader.read();
  const firstByte = performance.now() - started;
  let text = new TextDecoder().decode(first.value);
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    text += new TextDecoder().decode(chunk.value);
  }
  const total = performance.now() - started;
  if (!text.includes("Item &lt;50>") || !text.endsWith("</html>")) {
    throw new Error("The streamed page is incomplete");
  }
  return { firstByte, total };
}

for (let i = 0; i < 3; i++) await measure();
const runs = [];
for (let i = 0; i < requests; i++) runs.push(await measure());
await app.close();

const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];
const firstBytes = runs.map((run) => run.firstByte);
const totals = runs.map((run) => run.total);
const median = quantile(firstBytes, 0.5);
console.log(
  `Streaming TTFB, ${requests} requests, ${DELAY_MS} ms Suspense boundary: ` +
    `first byte median ${median.toFixed(2)} ms, p95 ${quantile(firstBytes, 0.95).toFixed(2)} ms; ` +
    `complete median ${quantile(totals, 0.5).toFixed(1)} ms; ` +
    `target < ${TARGET_MS} ms ${median < TARGET_MS ? "met" : "NOT met"}`,
);
