// The hello-world server with the least a request log can do, written by hand: each request
// runs in an async context holding its id (the logging issue asks for async context), and when
// its response is ready one JSON line goes to a file with the fields a request line carries
// (time, level, message, logger, method, route, path, status, duration, bytes, request id).
// Lines are batched, one write per 64 K characters, and the timestamp's text is made once a
// millisecond. No redaction, escaping only by JSON.stringify of the path, no X-Request-Id
// header. Plinth's request log measured against raw hello cannot beat this server's ratio.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Handler } from "../_scenario.ts";
import { TEXT_HEADERS } from "./_headers.ts";
import { benchLogDir } from "./_log_dir.ts";

const BODY = "Hello, world!";
const BATCH_CHARS = 64 * 1024;

/** The server; its log file goes to a temporary folder removed on SIGTERM. */
export default function rawHelloLogged(): Promise<Handler> {
  const file = Deno.openSync(`${benchLogDir()}/app.log`, { write: true, create: true });
  const encoder = new TextEncoder();
  const context = new AsyncLocalStorage<string>();
  const prefix = crypto.randomUUID().slice(0, 8);
  let requests = 0;
  let batch = "";
  let isoMs = 0;
  let iso = "";
  const write = (line: string) => {
    batch += line;
    if (batch.length < BATCH_CHARS) return;
    const bytes = encoder.encode(batch);
    batch = "";
    for (let at = 0; at < bytes.length;) at += file.writeSync(bytes.subarray(at));
  };
  return Promise.resolve((request) => {
    const id = `${prefix}-${(++requests).toString(36)}`;
    const started = performance.now();
    return context.run(id, () => {
      const res = new Response(BODY, { headers: TEXT_HEADERS });
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const url = request.url;
      const path = url.slice(url.indexOf("/", url.indexOf("//") + 2));
      const now = Date.now();
      if (now !== isoMs) iso = new Date(isoMs = now).toISOString();
      write(
        `{"@timestamp":"${iso}","level":"INFO","message":"${request.method} ` +
          `/ ${res.status}","logger":"plinth.request","properties":{"method":"${request.method}",` +
          `"route":"/","path":${JSON.stringify(path)},"status":${res.status},"durationMs":${ms},` +
          `"bytes":${BODY.length},"requestId":"${context.getStore()}"}}\n`,
      );
      return res;
    });
  });
}
