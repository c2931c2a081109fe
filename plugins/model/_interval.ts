const UNIT_MS: Record<string, number> = {
  year: 365.25 * 86_400_000,
  mon: 30 * 86_400_000,
  day: 86_400_000,
};

/**
 * Milliseconds of a PostgreSQL interval in the default output style, such as
 * `"1 year 2 mons 3 days 04:05:06.5"` or `"-00:00:01.25"` (a month counts 30 days, a year
 * 365.25, as in `EXTRACT(EPOCH FROM ...)`).
 */
export function parseInterval(raw: unknown): number {
  const text = String(raw);
  let ms = 0;
  for (const [, n, unit] of text.matchAll(/(-?\d+) (year|mon|day)s?/g)) {
    ms += Number(n) * UNIT_MS[unit];
  }
  const time = /(-)?(\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(text);
  if (time !== null) {
    const value = (Number(time[2]) * 3600 + Number(time[3]) * 60 + Number(time[4])) * 1000;
    ms += time[1] === "-" ? -value : value;
  }
  return Math.round(ms * 1000) / 1000;
}
