import { HttpError } from "./http_error.ts";

const NEEDS_CARE = /[%\\]|\/\.|\/\//;

/**
 * Splits a raw request path (no query) into decoded segments, once per request, for the router
 * and every plugin. `"/"` is `[""]`, `"/a/"` is `["a", ""]`.
 *
 * Refused with 400: invalid percent-encoding or UTF-8, dot segments (raw or encoded), empty
 * segments, backslashes, and encoded slashes or NUL, so that no path can escape a mount or a
 * static root.
 */
export function canonicalSegments(rawPath: string): string[] {
  const segments = rawPath.slice(1).split("/");
  if (!NEEDS_CARE.test(rawPath)) return segments;
  const last = segments.length - 1;
  for (let i = 0; i <= last; i++) {
    let segment = segments[i];
    if (segment === "" && i !== last) throw badPath("empty segment");
    if (segment.includes("\\")) throw badPath("backslash");
    if (segment.includes("%")) {
      try {
        segment = decodeURIComponent(segment);
      } catch {
        throw badPath("invalid percent-encoding");
      }
      if (/[/\\\0]/.test(segment)) throw badPath("encoded slash, backslash or NUL");
      segments[i] = segment;
    }
    if (segment === "." || segment === "..") throw badPath("dot segment");
  }
  return segments;
}

function badPath(what: string): HttpError {
  return new HttpError(400, `Bad request path: ${what}`);
}
