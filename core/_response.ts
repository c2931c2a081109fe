import type { SecurityHeaderSet } from "./security_headers.ts";
import { mergeVary } from "./_vary.ts";

/** A status, or a full `ResponseInit`, as the response helpers take it. */
export type ResponseOptions = number | ResponseInit;

const encoder = new TextEncoder();

/** A response init with only headers, all of them in a record. */
export type PresetInit = { readonly headers: Readonly<Record<string, string>> };

/**
 * The headers every response of an app gets (its security headers, and HSTS on secure
 * requests), made once into frozen response inits per content type. A helper's response is built
 * with them, so the app has nothing to check on it on the way out. Internal.
 */
export class ResponsePresets {
  readonly #always: readonly (readonly [string, string])[];
  readonly #secure: readonly (readonly [string, string])[];
  readonly #plain = new Map<string, PresetInit>();
  readonly #tls = new Map<string, PresetInit>();
  /** Whether secure requests get more headers than the others. */
  readonly secureDiffers: boolean;

  constructor(security: SecurityHeaderSet) {
    this.#always = security.always;
    this.#secure = [...security.always, ...security.secure];
    this.secureDiffers = security.secure.length > 0;
  }

  /** A frozen init with the content type `type` and the default headers. */
  init(type: string, secure: boolean): PresetInit {
    const inits = secure ? this.#tls : this.#plain;
    let init = inits.get(type);
    if (init === undefined) {
      const headers: Record<string, string> = { "content-type": type };
      for (const [name, value] of secure ? this.#secure : this.#always) headers[name] = value;
      init = Object.freeze({ headers: Object.freeze(headers) });
      // The helpers' own types, and a few a stream may name: not one per request value.
      if (inits.size < 32) inits.set(type, init);
    }
    return init;
  }

  /** Adds the default headers that `headers` does not set itself. */
  complete(headers: Headers, secure: boolean): void {
    for (const [name, value] of secure ? this.#secure : this.#always) {
      if (!headers.has(name)) headers.set(name, value);
    }
  }
}

/**
 * A response with `body`, a content type that `init.headers` may override, the
 * default headers of `presets` that `init.headers` does not set, `X-Request-Id` when `id` is
 * given, and the names in `vary` added to `Vary`.
 */
export function respond(
  body: BodyInit | null,
  type: string,
  init: ResponseOptions | undefined,
  presets: Pick<ResponsePresets, "init" | "complete">,
  secure: boolean,
  id: string | undefined,
  vary: readonly string[] | undefined,
): Response {
  const preset = presets.init(type, secure);
  if (init === undefined && id === undefined && vary === undefined) {
    return new Response(body, preset);
  }
  const { status, statusText, headers: given } = typeof init === "object"
    ? init
    : { status: init, statusText: undefined, headers: undefined };
  if (given === undefined || (!(given instanceof Headers) && !Array.isArray(given))) {
    // A record, merged into a record: the response is built with every header in one go.
    const record = given as Readonly<Record<string, string>> | undefined;
    const headers: Record<string, string> = { ...preset.headers };
    for (const name in record) {
      if (Object.hasOwn(record, name)) headers[name.toLowerCase()] = record[name];
    }
    if (id !== undefined) headers["x-request-id"] = id;
    if (vary !== undefined) headers.vary = mergeVary(headers.vary, vary);
    return new Response(body, { status, statusText, headers });
  }
  const headers = new Headers(given);
  if (!headers.has("content-type")) headers.set("content-type", type);
  completeHeaders(headers, presets, secure, id, vary);
  return new Response(body, { status, statusText, headers });
}

/**
 * Adds to `headers` the default headers of `presets` they do not set, `X-Request-Id` when `id`
 * is given, and the names in `vary` to `Vary`: for responses not built by a helper.
 */
export function completeHeaders(
  headers: Headers,
  presets: Pick<ResponsePresets, "complete">,
  secure: boolean,
  id: string | undefined,
  vary: readonly string[] | undefined,
): void {
  presets.complete(headers, secure);
  if (id !== undefined) headers.set("x-request-id", id);
  if (vary !== undefined) headers.set("vary", mergeVary(headers.get("vary"), vary));
}

const scratch = new Uint8Array(64 * 1024);

/** The UTF-8 size of a string or bytes body; `undefined` for other bodies. */
export function bodyBytes(body: BodyInit | null): number | undefined {
  if (body === null) return 0;
  if (body instanceof Uint8Array) return body.byteLength;
  if (typeof body !== "string") return undefined;
  if (body.length <= 256) return utf8Length(body);
  // Up to a third of the scratch space, every character fits, and `written` is the size.
  if (body.length * 3 <= scratch.length) return encoder.encodeInto(body, scratch).written;
  return encoder.encode(body).byteLength;
}

/** Counted in JavaScript: for short text, cheaper than a call into the runtime. */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) {
      bytes += 1;
    } else if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a surrogate pair: two code units, four bytes
      i++;
    } else {
      bytes += 2; // three bytes, as is a lone surrogate (sent as U+FFFD)
    }
  }
  return bytes;
}

/** A byte stream from a `ReadableStream` or an (async) iterable of strings or bytes. */
export function toStream(
  source:
    | ReadableStream<Uint8Array>
    | AsyncIterable<string | Uint8Array>
    | Iterable<string | Uint8Array>,
): ReadableStream<Uint8Array> {
  if (source instanceof ReadableStream) return source;
  return ReadableStream.from(source).pipeThrough(
    new TransformStream<string | Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
      },
    }),
  );
}

/** One server-sent event. */
export interface ServerSentEvent {
  /** The payload; objects are sent as JSON, strings as they are (one `data:` line per line). */
  data: unknown;
  /** The event type, for `addEventListener(type)` in the browser. */
  event?: string;
  /** The id the browser sends back as `Last-Event-ID` when it reconnects. */
  id?: string;
  /** The reconnection delay to ask for, in milliseconds. */
  retry?: number;
}

/** The sending side of a server-sent event stream. */
export interface EventSink {
  /** Sends one event; resolves `false` once the client has gone. */
  send(event: ServerSentEvent): Promise<boolean>;
  /** Aborted when the client disconnects or the request's deadline passes. */
  readonly signal: AbortSignal;
}

/** Encodes an event in the `text/event-stream` format, refusing line breaks in fields. */
export function encodeEvent(event: ServerSentEvent): string {
  let out = "";
  for (const [field, value] of [["event", event.event], ["id", event.id]] as const) {
    if (value === undefined) continue;
    if (/[\r\n]/.test(value)) {
      throw new TypeError(`Cannot send event: ${field} contains a line break`);
    }
    out += `${field}: ${value}\n`;
  }
  if (event.retry !== undefined) out += `retry: ${Math.floor(event.retry)}\n`;
  const data = typeof event.data === "string" ? event.data : JSON.stringify(event.data);
  for (const line of data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return out + "\n";
}

/** A `text/event-stream` response fed by `producer` until it returns or the client goes. */
export function eventStream(
  producer: (sink: EventSink) => void | Promise<void>,
  signal: AbortSignal,
  onError: (error: unknown) => void,
  init?: ResponseOptions,
): Response {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = writable.getWriter();
  const sink: EventSink = {
    signal,
    async send(event) {
      if (signal.aborted) return false;
      try {
        await writer.write(encoder.encode(encodeEvent(event)));
        return true;
      } catch {
        return false;
      }
    },
  };
  Promise.resolve().then(() => producer(sink)).catch(onError).finally(() => {
    writer.close().catch(() => {});
  });
  const options: ResponseInit = typeof init === "object" ? init : { status: init };
  const headers = new Headers(options.headers);
  if (!headers.has("content-type")) headers.set("content-type", "text/event-stream; charset=utf-8");
  headers.set("cache-control", "no-store");
  return new Response(readable, {
    status: options.status,
    statusText: options.statusText,
    headers,
  });
}
