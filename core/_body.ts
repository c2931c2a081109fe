import { HttpError } from "./http_error.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * Reads a request body at most once, within a byte limit, and parses it on demand. Malformed
 * input becomes a 400, a wrong content type a 415, an oversized body a 413.
 *
 * @example Reading JSON
 * ```ts
 * import { App } from "@plinth/plinth";
 * import assert from "node:assert/strict";
 *
 * const app = new App({ env: "test" });
 * app.post("/echo", async (ctx) => ctx.json(await ctx.body.json()));
 * const res = await app.request("/echo", {
 *   method: "POST",
 *   headers: { "content-type": "application/json" },
 *   body: '{"a":1}',
 * });
 * assert.deepEqual(await res.json(), { a: 1 });
 * ```
 */
export class BodyReader {
  readonly #request: Request;
  readonly #limit: number;
  #bytes: Promise<Uint8Array<ArrayBuffer>> | undefined;

  /**
   * Creates a reader; nothing is read until a method is called.
   *
   * @param request The request whose body to read.
   * @param limit The largest body accepted, in bytes.
   */
  constructor(request: Request, limit: number) {
    this.#request = request;
    this.#limit = limit;
  }

  /** The raw bytes. @throws {HttpError} 413 when the body is larger than the limit. */
  bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.#bytes ??= readLimited(this.#request, this.#limit);
  }

  /** The body as UTF-8 text. @throws {HttpError} 400 on invalid UTF-8, 413 when too large. */
  async text(): Promise<string> {
    try {
      return utf8.decode(await this.bytes());
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw new HttpError(400, "Request body is not valid UTF-8");
    }
  }

  /**
   * The body parsed as JSON. Requires an `application/json` (or `+json`) content type.
   *
   * @throws {HttpError} 415 for another content type, 400 for malformed JSON, 413 when too large.
   */
  async json<T = unknown>(): Promise<T> {
    const type = this.#mediaType();
    if (type !== "application/json" && !type.endsWith("+json")) {
      throw new HttpError(415, `Expected an application/json body, got "${type || "none"}"`);
    }
    const text = await this.text();
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new HttpError(400, "Malformed JSON in request body");
    }
  }

  /**
   * The body parsed as a form (URL-encoded or multipart).
   *
   * @throws {HttpError} 415 for another content type, 400 for a malformed form, 413 when too large.
   */
  async form(): Promise<FormData> {
    const type = this.#mediaType();
    if (type !== "application/x-www-form-urlencoded" && type !== "multipart/form-data") {
      throw new HttpError(415, `Expected a form body, got "${type || "none"}"`);
    }
    const bytes = await this.bytes();
    const contentType = this.#request.headers.get("content-type") ?? type;
    try {
      return await new Response(bytes, { headers: { "content-type": contentType } }).formData();
    } catch {
      throw new HttpError(400, "Malformed form in request body");
    }
  }

  #mediaType(): string {
    const header = this.#request.headers.get("content-type") ?? "";
    return header.split(";", 1)[0].trim().toLowerCase();
  }
}

/** Whether a declared `Content-Length` already exceeds `limit`. */
export function declaredTooLarge(request: Request, limit: number): boolean {
  const declared = request.headers.get("content-length");
  return declared !== null && Number(declared) > limit;
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `Request body is larger than ${limit} bytes`);
}

async function readLimited(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  if (declaredTooLarge(request, limit)) throw tooLarge(limit);
  if (request.body === null) return new Uint8Array(0);
  if (request.bodyUsed) throw new HttpError(500, "Request body was already read elsewhere");
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  const reader = request.body.getReader();
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        reader.cancel().catch(() => {});
        throw tooLarge(limit);
      }
      chunks.push(value as Uint8Array<ArrayBuffer>);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, "Request body could not be read", { cause: error });
  } finally {
    reader.releaseLock();
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
