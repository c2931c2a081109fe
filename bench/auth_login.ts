// deno run -A bench/auth_login.ts: login latency (p50, p90) through the JSON login view, in
// process, with the default hashing (argon2id, 19 MiB, t=2, p=1), and the longest time the event
// loop stood still meanwhile (hashing runs on worker threads, so other requests go on). Settings:
// LOGINS (default 30).
import { App, silentLogger } from "../mod.ts";
import { model } from "../plugins/model/mod.ts";
import { auth } from "../plugins/auth/mod.ts";

const logins = Number(Deno.env.get("LOGINS") ?? 30);
const app = new App({ env: "test", logger: silentLogger }).register(model()).register(auth());
await app.boot();
await app.db.migrate();
await app.auth.createUser({ username: "bench", password: "bench passphrase for auth" });
const json = { accept: "application/json" };
const times: number[] = [];
// A timer every millisecond: the largest gap between two ticks is the longest stall.
let last = performance.now();
let stall = 0;
const ticker = setInterval(() => {
  const now = performance.now();
  stall = Math.max(stall, now - last);
  last = now;
}, 1);
for (let i = 0; i < logins + 3; i++) {
  if (i === 3) stall = 0; // the first ones warm the WASM and the workers up
  const form = await app.request("/auth/login", { headers: json });
  const { csrfToken } = await form.json();
  const cookie = form.headers.get("set-cookie")!.split(";")[0];
  const started = performance.now();
  const res = await app.request("/auth/login", {
    method: "POST",
    headers: { ...json, cookie, "content-type": "application/json", "x-csrf-token": csrfToken },
    body: JSON.stringify({ username: "bench", password: "bench passphrase for auth" }),
  });
  await res.body?.cancel();
  if (res.status !== 200) throw new Error(`Login failed with ${res.status}`);
  if (i >= 3) times.push(performance.now() - started);
}
clearInterval(ticker);
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
console.log(
  `login (argon2id m=19456 t=2 p=1, PGlite): p50 ${at(0.5).toFixed(1)} ms, p90 ${
    at(0.9).toFixed(1)
  } ms over ${times.length}; longest event-loop stall ${stall.toFixed(1)} ms`,
);
await app.close();
