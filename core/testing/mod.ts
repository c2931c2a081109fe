/**
 * Test helpers: an app with test defaults, a client that sends requests in-process and keeps
 * cookies across them, and assertions on responses.
 *
 * @example Logging in and reading the cookie back
 * ```ts
 * import { assertStatus, assertText, TestClient, testApp } from "@plinth/plinth/testing";
 *
 * const app = testApp();
 * app.post("/login", (ctx) => {
 *   ctx.cookies.set("user", "ann");
 *   return ctx.text("ok");
 * });
 * app.get("/me", (ctx) => ctx.text(ctx.cookies.get("user") ?? "anonymous"));
 * const client = new TestClient(app);
 * assertStatus(await client.post("/login"), 200);
 * await assertText(await client.get("/me"), "ann");
 * ```
 *
 * @module
 */
import assert from "node:assert/strict";
import { App, type AppOptions, silentLogger } from "../mod.ts";

/**
 * An app for tests: `env: "test"` (localhost allowed, random secret key) and a silent logger,
 * unless `options` say otherwise.
 *
 * @param options App options that override the test defaults.
 * @returns A new app.
 *
 * @example A test app
 * ```ts
 * import { testApp } from "@plinth/plinth/testing";
 * import assert from "node:assert/strict";
 *
 * const app = testApp();
 * assert.equal(app.env, "test");
 * ```
 */
export function testApp(options: AppOptions = {}): App {
  return new App({ env: "test", logger: silentLogger, ...options });
}

/** A request for {@linkcode TestClient}: `RequestInit` plus `json` or `form` bodies. */
export interface TestRequestInit extends RequestInit {
  /** Sent as `application/json`. */
  json?: unknown;
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: Record<string, string>;
}

/**
 * Sends requests to an app in-process and keeps the cookies it sets, like a browser.
 *
 * @example Sending JSON
 * ```ts
 * import { TestClient, testApp } from "@plinth/plinth/testing";
 * import assert from "node:assert/strict";
 *
 * const app = testApp();
 * app.post("/sum", async (ctx) => {
 *   const { a, b } = await ctx.body.json<{ a: number; b: number }>();
 *   return ctx.json({ sum: a + b });
 * });
 * const res = await new TestClient(app).post("/sum", { json: { a: 1, b: 2 } });
 * assert.deepEqual(await res.json(), { sum: 3 });
 * ```
 */
export class TestClient {
  readonly #app: App;
  /** The cookies the app has set and not expired, by name. */
  readonly cookies: Map<string, string> = new Map();

  /**
   * Creates a client with an empty cookie jar.
   *
   * @param app The app under test.
   */
  constructor(app: App) {
    this.#app = app;
  }

  /** Sends a request with the stored cookies and stores the cookies of the response. */
  async request(path: string, init: TestRequestInit = {}): Promise<Response> {
    const { json, form, ...rest } = init;
    const headers = new Headers(rest.headers);
    let body = rest.body;
    if (json !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(json);
    } else if (form !== undefined) {
      headers.set("content-type", "application/x-www-form-urlencoded");
      body = new URLSearchParams(form).toString();
    }
    if (this.cookies.size > 0 && !headers.has("cookie")) {
      headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    const res = await this.#app.request(path, { ...rest, headers, body });
    for (const line of res.headers.getSetCookie()) this.#store(line);
    return res;
  }

  /** Sends a GET request. */
  get(path: string, init?: TestRequestInit): Promise<Response> {
    return this.request(path, { ...init, method: "GET" });
  }

  /** Sends a POST request. */
  post(path: string, init?: TestRequestInit): Promise<Response> {
    return this.request(path, { ...init, method: "POST" });
  }

  /** Sends a PUT request. */
  put(path: string, init?: TestRequestInit): Promise<Response> {
    return this.request(path, { ...init, method: "PUT" });
  }

  /** Sends a PATCH request. */
  patch(path: string, init?: TestRequestInit): Promise<Response> {
    return this.request(path, { ...init, method: "PATCH" });
  }

  /** Sends a DELETE request. */
  delete(path: string, init?: TestRequestInit): Promise<Response> {
    return this.request(path, { ...init, method: "DELETE" });
  }

  #store(line: string): void {
    const [pair, ...attributes] = line.split(";");
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq).trim();
    const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
    if (expired) this.cookies.delete(name);
    else this.cookies.set(name, pair.slice(eq + 1).trim());
  }
}

/**
 * Asserts a response's status, showing the body when it differs.
 *
 * @example
 * ```ts
 * import { assertStatus } from "@plinth/plinth/testing";
 *
 * assertStatus(new Response("ok"), 200);
 * ```
 */
export function assertStatus(res: Response, status: number): void {
  assert.equal(res.status, status, `Expected status ${status}, got ${res.status}`);
}

/**
 * Asserts a header's value: a string, a pattern, or `null` for absent.
 *
 * @example
 * ```ts
 * import { assertHeader } from "@plinth/plinth/testing";
 *
 * const res = new Response("", { headers: { "x-a": "1" } });
 * assertHeader(res, "x-a", "1");
 * assertHeader(res, "x-b", null);
 * ```
 */
export function assertHeader(res: Response, name: string, expected: string | RegExp | null): void {
  const actual = res.headers.get(name);
  if (expected instanceof RegExp) {
    assert.match(actual ?? "", expected, `Header ${name} is "${actual}"`);
  } else {
    assert.equal(actual, expected, `Header ${name} is "${actual}", expected "${expected}"`);
  }
}

/**
 * Asserts a JSON body deep-equals `expected`; returns the parsed body.
 *
 * @example
 * ```ts
 * import { assertJson } from "@plinth/plinth/testing";
 *
 * await assertJson(Response.json({ a: 1 }), { a: 1 });
 * ```
 */
export async function assertJson(res: Response, expected: unknown): Promise<unknown> {
  const body = await res.json();
  assert.deepEqual(body, expected);
  return body;
}

/**
 * Asserts a text body equals a string or matches a pattern; returns the text.
 *
 * @example
 * ```ts
 * import { assertText } from "@plinth/plinth/testing";
 *
 * await assertText(new Response("Hello, Ann"), /Ann/);
 * ```
 */
export async function assertText(res: Response, expected: string | RegExp): Promise<string> {
  const text = await res.text();
  if (expected instanceof RegExp) assert.match(text, expected);
  else assert.equal(text, expected);
  return text;
}

/**
 * Asserts a redirect to `location` (3xx status and `Location` header).
 *
 * @example
 * ```ts
 * import { assertRedirect } from "@plinth/plinth/testing";
 *
 * assertRedirect(new Response(null, { status: 302, headers: { location: "/a" } }), "/a");
 * ```
 */
export function assertRedirect(res: Response, location: string): void {
  assert.ok(res.status >= 300 && res.status < 400, `Expected a redirect, got ${res.status}`);
  assert.equal(res.headers.get("location"), location);
}
