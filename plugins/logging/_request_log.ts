import type { Context, LogLevel, OuterMiddleware } from "../../core/mod.ts";
import type { EngineLogger } from "./_logger.ts";
import { type RequestProperties, RequestRecord } from "./_request_record.ts";
import { RequestScope } from "./_request_scope.ts";
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
 * requests refused before routing (400 bad host or path, 413, 404) are logged too. When the
 * request category's level leaves no line to write and `Server-Timing` is off, it only gives
 * the context, without timing the request.
 *
 * The 5xx line has no stack: the core has already logged the error, with its stack, as
 * `Request failed` under the same `requestId`, and one stack per failure is enough.
 */
export function requestLog(log: EngineLogger, settings: RequestLogSettings): OuterMiddleware {
  const { slowMs, serverTiming, context } = settings;
  if (context && !serverTiming && !log.isEnabled("error")) return requestContext;
  function completed(
    ctx: Context,
    res: Response,
    started: number,
    scope: RequestScope | undefined,
  ): Response {
    const durationMs = performance.now() - started;
    const slow = durationMs >= slowMs;
    const level: LogLevel = res.status >= 500 ? "error" : slow ? "warning" : "info";
    if (log.isEnabled(level)) {
      const properties = describe(ctx, res, durationMs, slow, scope?.id ?? ctx.id);
      log.emit(new RequestRecord(level, log.category, properties));
    }
    scope?.end();
    return serverTiming ? withServerTiming(res, durationMs, ctx.timings) : res;
  }
  // Every request gets a line when `info` is on, so its id is made before the view: a helper
  // then builds the response with its X-Request-Id at once, where an id made afterwards means
  // editing the finished response's headers on the way out (measured: a tenth of hello's req/s).
  const everyLine = log.isEnabled("info");
  return function requestLog(ctx, next) {
    if (everyLine) void ctx.id;
    const started = performance.now();
    const scope = context ? new RequestScope(ctx) : undefined;
    const result = scope === undefined ? next() : scope.run(next);
    return result instanceof Promise
      ? result.then((res) => completed(ctx, res, started, scope))
      : completed(ctx, result, started, scope);
  };
}

function requestContext(
  ctx: Context,
  next: () => Response | Promise<Response>,
): Response | Promise<Response> {
  const scope = new RequestScope(ctx);
  const result = scope.run(next);
  if (result instanceof Promise) return result.finally(() => scope.end());
  scope.end();
  return result;
}

function describe(
  ctx: Context,
  res: Response,
  durationMs: number,
  slow: boolean,
  requestId: string,
): RequestProperties {
  const { method } = ctx.request;
  const route = ctx.route?.pattern ?? "-";
  const path = ctx.path || new URL(ctx.request.url).pathname;
  const status = res.status;
  const rounded = Math.round(durationMs * 10) / 10;
  const bytes = bodyBytes(method, ctx, res);
  // One literal per shape, so that the keys keep the order the JSON line writes them in.
  const properties: RequestProperties = bytes === undefined
    ? { method, route, path, status, durationMs: rounded, requestId }
    : { method, route, path, status, durationMs: rounded, bytes, requestId };
  const userId = (ctx.state as { user?: { id?: unknown } }).user?.id;
  if (userId !== undefined && userId !== null) properties.userId = userId;
  if (slow) properties.slow = true;
  if (res.status >= 500 && ctx.error !== undefined) properties.error = summary(ctx.error);
  return properties;
}

/** The body's size: none for HEAD, 204 and 304, else what the context knows without reading. */
function bodyBytes(method: string, ctx: Context, res: Response): number | undefined {
  if (method === "HEAD" || res.status === 204 || res.status === 304) return 0;
  return ctx.bodySize(res);
}

function summary(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
