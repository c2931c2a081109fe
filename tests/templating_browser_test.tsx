// Islands in a real browser (Debian's chromium, driven by playwright-core): they hydrate, count
// when clicked, and do so under the plugin's Content-Security-Policy with no error at all.
import assert from "node:assert/strict";
import { launchChromium } from "./fixtures/chromium.ts";
import { testApp } from "@plinth/plinth/testing";
import { Await, type ComponentChildren, Head, templating } from "@plinth/plinth/templating";
import Counter from "./fixtures/templating/counter.tsx";
import Greeting from "./fixtures/templating/islands/greeting.tsx";

function Site({ children }: { children: ComponentChildren }) {
  return (
    <main>
      <Head>
        <title>Islands</title>
        <link rel="icon" href="data:," />
      </Head>
      {children}
    </main>
  );
}

Deno.test("islands hydrate and respond in a browser, with no console error or CSP violation", async () => {
  const later = Promise.withResolvers<number>();
  const app = testApp().register(
    templating({ layout: Site, islands: "tests/fixtures/templating/islands" }),
  );
  app.get("/", (ctx) =>
    ctx.render(
      <>
        <Counter start={5} label="Clicks" />
        <Greeting names={["Ann", "Bob"]} since={new Date("2021-01-01T00:00:00Z")} />
      </>,
    ));
  app.get("/streamed", (ctx) =>
    ctx.render(
      <Await promise={later.promise} fallback={<p class="loading">Loading…</p>}>
        {(start) => <Counter start={start} label="Late" />}
      </Await>,
      { stream: true },
    ));
  const server = await app.listen({
    port: 0,
    hostname: "127.0.0.1",
    handleSignals: false,
    onListen() {},
  });
  const origin = `http://127.0.0.1:${server.addr.port}`;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });

    await page.goto(`${origin}/`);
    assert.equal(await page.title(), "Islands");
    const counter = page.locator("button.counter");
    assert.equal(await counter.textContent(), "Clicks: 5");
    await page.waitForSelector("plinth-island[data-hydrated] button.counter");
    await counter.click();
    await counter.click();
    await page.waitForFunction(() =>
      document.querySelector("button.counter")?.textContent === "Clicks: 7"
    );
    await page.waitForSelector("plinth-island[data-hydrated] p.greeting");
    await page.locator("p.greeting").click();
    await page.waitForFunction(() =>
      document.querySelector("p.greeting")?.textContent === "Hello, Bob (since 2021)"
    );

    await page.goto(`${origin}/streamed`, { waitUntil: "commit" });
    await page.waitForSelector("p.loading");
    later.resolve(40);
    const late = page.locator("button.counter");
    try {
      await page.waitForFunction(() =>
        document.querySelector("button.counter")?.textContent === "Late: 40"
      );
    } catch (error) {
      // Once seen under a fully loaded CI machine, not reproduced since: say what had arrived.
      throw new Error(
        `The streamed content did not arrive; the page held:\n${await page
          .content()}\nproblems: ${JSON.stringify(problems)}`,
        { cause: error },
      );
    }
    await page.waitForSelector("plinth-island[data-hydrated] button.counter");
    await late.click();
    await page.waitForFunction(() =>
      document.querySelector("button.counter")?.textContent === "Late: 41"
    );
    assert.equal(await page.locator("p.loading").count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await app.close();
  }
});
