import type { Context, LogLevel, OuterMiddleware } from "../../core/mod.ts";
import { inRequest } from "./_engine.ts";
import type { EngineLogger } from "./_logger.ts";
import { withServerTiming } from "./_server_timing.ts";

/** What the request log needs from the plugin's options. */
export interface RequestLogSettings {
  /** Requests that take this long or longer are logged at `warning` with `slow: true`. */
  readonly slowMs: number;
  /** Whether to add a `Server-Timing` header. */
  readonly serverTiming: boolean;
  /** Whether to give the request a log context (not needed when every level is off). */
  readonly context: boolean;
}

/**
 * The pre-routing middleware that gives each request its log context and writes one line when
 * its response is ready: `info`, `warning` when slow, `error` for 5xx. It wraps everything, so
 * requests refused before routing (400 bad host or path, 413, 404) are logged too.
 *
 * The 5xx line has no stack: the core has already logged the error, with its stack, as
 * `Request failed` under the same `requestId`, and one stack per failure is enough.
 */
export function requestLog(log: EngineLogger, settings: RequestLogSettings): OuterMiddleware {
  const { slowMs, serverTiming, context } = settings;
  return function requestLog(ctx, next) {
    const started = performance.now();
    const result = context ? inRequest(() => ctx.id, next) : next();
    return result instanceof Promise ? result.then(completed) : completed(result);
    function completed(res: Response): Response {
      const durationMs = performance.now() - started;
      const slow = durationMs >= slowMs;
      const level: LogLevel = res.status >= 500 ? "error" : slow ? "warning" : "info";
      if (log.isEnabled(level)) {
        const properties = describe(ctx, res, durationMs, slow);
        log.emit(level, `${properties.method} ${properties.route} ${res.status}`, properties);
      }
      return serverTiming ? withServerTiming(res, durationMs, ctx.timings) : res;
    }
  };
}

function describe(
  ctx: Context,
  res: Response,
  durationMs: number,
  slow: boolean,
): Record<string, unknown> {
  const { method } = ctx.request;
  const properties: Record<string, unknown> = {
    method,
    route: ctx.route?.pattern ?? "-",
    path: ctx.path || new URL(ctx.request.url).pathname,
    status: res.status,
    durationMs: Math.round(durationMs * 10) / 10,
  };
  const bytes = bodyBytes(method, res);
  if (bytes !== undefined) properties.bytes = bytes;
  properties.requestId = ctx.id;
  const userId = (ctx.state as { user?: { id?: unknown } }).user?.id;
  if (userId !== undefined && userId !== null) properties.userId = userId;
  if (slow) properties.slow = true;
  if (res.status >= 500 && ctx.error !== undefined) properties.error = summary(ctx.error);
  return properties;
}

/**
 * The body's size when it is known without touching the body: none for HEAD, 204 and 304,
 * else `Content-Length` if the response declares it. Counting other bodies would mean replacing
 * them with a stream, which turns a sized response into a chunked one.
 */
function bodyBytes(method: string, res: Response): number | undefined {
  if (method === "HEAD" || res.status === 204 || res.status === 304) return 0;
  const length = res.headers.get("content-length");
  return length !== null && /^\d+$/.test(length) ? Number(length) : undefined;
}

function summary(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
