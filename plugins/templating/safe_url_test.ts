import assert from "node:assert/strict";
import { isSafeUrl, safeUrl } from "./safe_url.ts";

Deno.test("safeUrl lets relative and web URLs through", () => {
  for (
    const url of ["/a", "a/b", "?q=1", "#top", "//cdn.example/x.js", "HTTPS://x.test", "tel:+1"]
  ) {
    assert.equal(safeUrl(url), url);
  }
});

Deno.test("safeUrl refuses script and data URLs however they are spelt", () => {
  for (
    const url of [
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      " \tjava\nscript:alert(1)",
      "\u0000javascript:alert(1)",
      "data:text/html;base64,PHNjcmlwdD4=",
      "vbscript:msgbox(1)",
    ]
  ) {
    assert.equal(safeUrl(url), "about:invalid", JSON.stringify(url));
    assert.equal(isSafeUrl(url), false);
  }
});
