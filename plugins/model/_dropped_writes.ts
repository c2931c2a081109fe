/**
 * postgres.js on Deno can write to a socket it has already dropped when the server goes away: a
 * write scheduled with `setImmediate` runs after the close and throws outside any promise, which
 * would end the process. While a server driver is open, that one error (a TypeError reading
 * `write` of null, thrown from postgres.js's connection module) is stopped and reported; every
 * other uncaught error is left alone. The statement it belonged to fails on its own as a lost
 * connection.
 */
const reporters = new Set<(error: Error) => void>();

function stopDroppedWrite(event: ErrorEvent): void {
  const error = event.error;
  if (!(error instanceof TypeError) || !/reading 'write'/.test(error.message)) return;
  if (!/postgres[\\/][\d.]+[\\/]src[\\/]connection\.js/.test(error.stack ?? "")) return;
  event.preventDefault();
  for (const report of reporters) report(error);
}

/** Starts stopping dropped-socket writes; the returned function stops it again. */
export function guardDroppedWrites(report: (error: Error) => void): () => void {
  if (reporters.size === 0) globalThis.addEventListener("error", stopDroppedWrite);
  reporters.add(report);
  return () => {
    reporters.delete(report);
    if (reporters.size === 0) globalThis.removeEventListener("error", stopDroppedWrite);
  };
}
