// Graceful shutdown under `deno serve`: the runtime stops accepting on SIGINT/SIGTERM and lets
// in-flight requests finish, but only the app can close its pools and connections, without which
// the process never exits. With --parallel every worker has its own app, and only the first one
// hears from `onListen`: it relays the signal to the others through a BroadcastChannel.
import type { Logger } from "./logger.ts";
import { logDrained, SIGNALS } from "./_server.ts";

const CHANNEL = "plinth:shutdown";

type Handler = (request: Request, info?: Deno.ServeHandlerInfo) => Response | Promise<Response>;

/**
 * Counts a handler's in-flight requests and, when a shutdown is broadcast, calls `close` once
 * the last is answered (or the grace period is over). Internal: the app uses it when a server
 * other than its own `listen()` serves it.
 */
export class Drain {
  #active = 0;
  #idle: (() => void) | undefined;
  readonly #channel = new BroadcastChannel(CHANNEL);
  #relaying = false;

  constructor(close: () => Promise<void>, log: Logger, grace = 10_000) {
    this.#channel.onmessage = () => {
      this.dispose();
      log.info("Shutting down: finishing in-flight requests", { inFlight: this.#active });
      const drained = new Promise<void>((resolve) => {
        this.#idle = resolve;
        if (this.#active === 0) resolve();
      });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<void>((resolve) => timer = setTimeout(resolve, grace));
      Promise.race([drained, late]).then(() => {
        clearTimeout(timer);
        logDrained(
          log,
          this.#active === 0 ? undefined : { inFlight: this.#active, gracePeriodMs: grace },
        );
        return close();
      }).catch((error) => log.fatal("Shutdown failed", { error }));
    };
  }

  /** The handler, counting its requests. */
  wrap<H extends Handler>(handler: H): H {
    const done = () => {
      if (--this.#active === 0) this.#idle?.();
    };
    return ((request: Request, info?: Deno.ServeHandlerInfo) => {
      this.#active++;
      try {
        const response = handler(request, info);
        if (response instanceof Promise) return response.finally(done);
        done();
        return response;
      } catch (error) {
        done();
        throw error;
      }
    }) as H;
  }

  /** Broadcasts a shutdown to every worker's app, this one included, on SIGINT/SIGTERM. */
  relaySignals(): void {
    if (this.#relaying) return;
    this.#relaying = true;
    for (const signal of SIGNALS) Deno.addSignalListener(signal, this.#relay);
  }

  #relay = (): void => {
    const sender = new BroadcastChannel(CHANNEL);
    sender.postMessage("shutdown");
    sender.close();
  };

  /** Stops listening for shutdowns (the app is closing anyway). */
  dispose(): void {
    this.#channel.close();
    if (this.#relaying) {
      this.#relaying = false;
      for (const signal of SIGNALS) Deno.removeSignalListener(signal, this.#relay);
    }
  }
}
