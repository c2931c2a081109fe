import type { Logger, LogProperties } from "./logger.ts";

/** Options of `app.listen()`. */
export interface ListenOptions {
  /** Defaults to 8000; `0` picks a free port. */
  port?: number;
  /** Defaults to `"0.0.0.0"`. */
  hostname?: string;
  /** How long in-flight requests may take to finish on shutdown, in ms; default 10 000. */
  gracePeriod?: number;
  /** Whether SIGINT and SIGTERM shut the app down and exit; default `true`. */
  handleSignals?: boolean;
  /** Called once listening; by default Deno prints the address. */
  onListen?: (addr: Deno.NetAddr) => void;
}

/** A listening server. */
export interface Server {
  /** The bound address. */
  readonly addr: Deno.NetAddr;
  /** Stops accepting, waits for in-flight requests up to the grace period. */
  shutdown(): Promise<void>;
}

/** The signals that shut a server down. */
export const SIGNALS: Deno.Signal[] = Deno.build.os === "windows"
  ? ["SIGINT"]
  : ["SIGINT", "SIGTERM"];

/**
 * Says how a shutdown's wait for in-flight requests ended: all finished, or the grace period ran
 * out and `cut` describes what is left.
 */
export function logDrained(log: Logger, cut: LogProperties | undefined): void {
  if (cut === undefined) log.info("Every in-flight request finished");
  else log.warn("Shutdown grace period over: cutting requests still in flight", cut);
}

/** Serves `handler` over HTTP with graceful shutdown. Internal: `app.listen()` uses it. */
export function serve(
  handler: Deno.ServeHandler<Deno.NetAddr>,
  options: ListenOptions,
  close: () => Promise<void>,
  log: Logger,
): Server {
  const server = Deno.serve({
    port: options.port ?? 8000,
    hostname: options.hostname,
    onListen: options.onListen,
  }, handler);
  const grace = options.gracePeriod ?? 10_000;
  let stopping: Promise<void> | undefined;
  const onSignal = () => {
    if (stopping) Deno.exit(1);
    log.info("Shutting down: finishing in-flight requests", { gracePeriodMs: grace });
    close().then(() => Deno.exit(0), (error) => {
      log.fatal("Shutdown failed", { error });
      Deno.exit(1);
    });
  };
  const handleSignals = options.handleSignals ?? true;
  if (handleSignals) { for (const signal of SIGNALS) Deno.addSignalListener(signal, onSignal); }
  return {
    addr: server.addr,
    shutdown() {
      return stopping ??= (async () => {
        if (handleSignals) {
          for (const signal of SIGNALS) Deno.removeSignalListener(signal, onSignal);
        }
        let timer: ReturnType<typeof setTimeout> | undefined;
        const late = new Promise<false>((resolve) =>
          timer = setTimeout(() => resolve(false), grace)
        );
        const finished = await Promise.race([server.shutdown().then(() => true), late]);
        clearTimeout(timer);
        logDrained(log, finished ? undefined : { gracePeriodMs: grace });
      })();
    },
  };
}
