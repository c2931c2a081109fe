import type { Logger, LogProperties } from "./logger.ts";

type Step = { child: string } | { with: LogProperties };

/**
 * The stable `app.log`: forwards every record to the app's current logger, so a child taken
 * before the logging plugin was set up (`app.log.getChild("model")` in another plugin's setup)
 * still writes through it. The path to the child is replayed once per logger change.
 */
export class ForwardingLogger implements Logger {
  readonly #root: () => Logger;
  readonly #steps: readonly Step[];
  #resolvedFor: Logger | undefined;
  #resolved: Logger | undefined;

  constructor(root: () => Logger, steps: readonly Step[] = []) {
    this.#root = root;
    this.#steps = steps;
  }

  trace(message: string, properties?: LogProperties): void {
    this.#current().trace(message, properties);
  }
  debug(message: string, properties?: LogProperties): void {
    this.#current().debug(message, properties);
  }
  info(message: string, properties?: LogProperties): void {
    this.#current().info(message, properties);
  }
  warn(message: string, properties?: LogProperties): void {
    this.#current().warn(message, properties);
  }
  error(message: string, properties?: LogProperties): void {
    this.#current().error(message, properties);
  }
  fatal(message: string, properties?: LogProperties): void {
    this.#current().fatal(message, properties);
  }
  getChild(category: string): Logger {
    return new ForwardingLogger(this.#root, [...this.#steps, { child: category }]);
  }
  with(properties: LogProperties): Logger {
    return new ForwardingLogger(this.#root, [...this.#steps, { with: properties }]);
  }

  #current(): Logger {
    const root = this.#root();
    if (root !== this.#resolvedFor) {
      let logger = root;
      for (const step of this.#steps) {
        logger = "child" in step ? logger.getChild(step.child) : logger.with(step.with);
      }
      this.#resolvedFor = root;
      this.#resolved = logger;
    }
    return this.#resolved!;
  }
}
