import assert from "node:assert/strict";
import { createContext, h } from "preact";
import { useContext } from "preact/hooks";
import { renderToString, renderToStringAsync } from "preact-render-to-string";
import { Provide, provide } from "./_provide.ts";

const Name = createContext("nobody");
const Place = createContext("nowhere");

function Show() {
  return <p>{useContext(Name)} in {useContext(Place)}</p>;
}

Deno.test("provide() gives components what a Provider would, from the renderer's context", () => {
  assert.equal(renderToString(<Show />, provide(Name, "Ann")), "<p>Ann in nowhere</p>");
  assert.equal(
    renderToString(h(Name.Provider, { value: "Ann" }, <Show />)),
    "<p>Ann in nowhere</p>",
  );
});

Deno.test("Provide adds its context to the enclosing ones, for its children only", async () => {
  const page = (
    <>
      {h(Provide, { context: provide(Place, "Paris") }, <Show />)}
      <Show />
    </>
  );
  const expected = "<p>Ann in Paris</p><p>Ann in nowhere</p>";
  assert.equal(renderToString(page, provide(Name, "Ann")), expected);
  assert.equal(await renderToStringAsync(page, provide(Name, "Ann")), expected);
});

Deno.test("an inner Provide wins over an outer one and over the renderer's context", () => {
  const page = h(
    Provide,
    { context: provide(Name, "Bob") },
    h(Provide, { context: provide(Name, "Cy") }, <Show />),
  );
  assert.equal(renderToString(page, provide(Name, "Ann")), "<p>Cy in nowhere</p>");
});
