import type { CacheOptions } from "./cache.ts";

/** Cache options with defaults applied. */
export interface CheckedOptions {
  prefix: string;
  version: string | number;
  ttl: number;
  maxValueBytes: number;
}

/**
 * Checks cache options, so that the plugin refuses bad ones when it is created.
 *
 * @throws {RangeError} For a `ttl` or `maxValueBytes` that is not a positive number.
 */
export function checkCacheOptions(options: CacheOptions): CheckedOptions {
  const ttl = options.ttl ?? 300;
  toMilliseconds(ttl);
  const maxValueBytes = options.maxValueBytes ?? 1024 * 1024;
  if (!Number.isSafeInteger(maxValueBytes) || maxValueBytes <= 0) {
    throw new RangeError("Cannot create cache: maxValueBytes must be a positive integer");
  }
  return { prefix: options.prefix ?? "plinth", version: options.version ?? 1, ttl, maxValueBytes };
}

/** A TTL in seconds as whole milliseconds, at least one. @throws {RangeError} Unless positive. */
export function toMilliseconds(seconds: number): number {
  if (!(seconds > 0) || !Number.isFinite(seconds)) {
    throw new RangeError(`Cannot cache: ttl must be a positive number of seconds, not ${seconds}`);
  }
  return Math.max(1, Math.round(seconds * 1000));
}
