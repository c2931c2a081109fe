const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Adds a `Server-Timing` header: `app` (the time the app took to produce the response: routing,
 * middleware and view) and every duration the request recorded with `ctx.addTiming()`, such as
 * `db`. Names that are not HTTP tokens are left out.
 */
export function withServerTiming(
  res: Response,
  appMs: number,
  timings: ReadonlyMap<string, number>,
): Response {
  let value = `app;dur=${appMs.toFixed(1)}`;
  for (const [name, ms] of timings) {
    if (TOKEN.test(name) && Number.isFinite(ms)) value += `, ${name};dur=${ms.toFixed(1)}`;
  }
  try {
    res.headers.append("server-timing", value);
    return res;
  } catch {
    const copy = new Response(res.body, res);
    copy.headers.append("server-timing", value);
    return copy;
  }
}
