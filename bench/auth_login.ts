// deno run -A bench/auth_login.ts: login latency (p50, p90) through the JSON login view, in
// process, with the default hashing (argon2id, 19 MiB, t=2, p=1). Settings: LOGINS (default 30).
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
for (let i = 0; i < logins + 3; i++) {
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
  if (i >= 3) times.push(performance.now() - started); // the first ones warm the WASM up
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
console.log(
  `login (argon2id m=19456 t=2 p=1, PGlite): p50 ${at(0.5).toFixed(1)} ms, p90 ${
    at(0.9).toFixed(1)
  } ms over ${times.length}`,
);
await app.close();
