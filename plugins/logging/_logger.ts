import type { Logger, LogLevel, LogProperties } from "../../core/mod.ts";
import { engineLogger } from "./_engine.ts";
import { type LevelSettings, RANK, rankFor } from "./_levels.ts";
import type { LogTapeLogger } from "./_logtape.ts";
import type { LogRecord } from "./sink.ts";

/** What every logger of one instance shares: its key, levels and the delivery to its sinks. */
interface Instance {
  readonly key: string;
  readonly levels: LevelSettings;
  readonly deliver: (record: LogRecord) => void;
}

/** One category of one instance: its level, its LogTape logger and its children, made once. */
class CategoryNode {
  readonly instance: Instance;
  readonly category: readonly string[];
  readonly rank: number;
  readonly engine: LogTapeLogger;
  readonly #children = new Map<string, CategoryNode>();

  constructor(instance: Instance, category: readonly string[]) {
    this.instance = instance;
    this.category = category;
    this.rank = rankFor(category, instance.levels.root, instance.levels.categories);
    this.engine = engineLogger(instance.key, category);
  }

  child(name: string): CategoryNode {
    let node = this.#children.get(name);
    if (node === undefined) {
      node = new CategoryNode(this.instance, [...this.category, name]);
      this.#children.set(name, node);
    }
    return node;
  }
}

/**
 * The core's `Logger` interface on LogTape. The level check happens here, before LogTape is
 * called, so a disabled level costs one comparison. Messages are literal text: braces are
 * escaped so that LogTape does not read them as placeholders.
 */
export class EngineLogger implements Logger {
  readonly #node: CategoryNode;
  readonly #engine: LogTapeLogger;

  /**
   * The root logger (`["plinth"]`) of an instance.
   *
   * @param key The instance's key from `attach()`.
   * @param levels The instance's levels.
   * @param deliver The instance's delivery to its sinks, for {@linkcode EngineLogger.emit}.
   */
  static root(
    key: string,
    levels: LevelSettings,
    deliver: (record: LogRecord) => void,
  ): EngineLogger {
    const node = new CategoryNode({ key, levels, deliver }, ["plinth"]);
    return new EngineLogger(node, node.engine);
  }

  private constructor(node: CategoryNode, engine: LogTapeLogger) {
    this.#node = node;
    this.#engine = engine;
  }

  /** Whether a record at `level` would be written by this logger. */
  isEnabled(level: LogLevel): boolean {
    return RANK[level] >= this.#node.rank;
  }

  /** This logger's category path, such as `["plinth", "request"]`. */
  get category(): readonly string[] {
    return this.#node.category;
  }

  /**
   * Writes a complete record straight to the instance's sinks, past LogTape: for the request
   * log, whose records are complete (request id included) and which runs once per request,
   * where LogTape's dispatch would cost most of the budget. The caller checks
   * {@linkcode EngineLogger.isEnabled}; bound properties of `with()` are not added.
   */
  emit(record: LogRecord): void {
    this.#node.instance.deliver(record);
  }

  trace(message: string, properties?: LogProperties): void {
    if (this.#node.rank <= RANK.trace) this.#engine.trace(literal(message), properties);
  }

  debug(message: string, properties?: LogProperties): void {
    if (this.#node.rank <= RANK.debug) this.#engine.debug(literal(message), properties);
  }

  info(message: string, properties?: LogProperties): void {
    if (this.#node.rank <= RANK.info) this.#engine.info(literal(message), properties);
  }

  warn(message: string, properties?: LogProperties): void {
    if (this.#node.rank <= RANK.warning) this.#engine.warn(literal(message), properties);
  }

  error(message: string, properties?: LogProperties): void {
    if (this.#node.rank <= RANK.error) this.#engine.error(literal(message), properties);
  }

  fatal(message: string, properties?: LogProperties): void {
    if (this.#node.rank <= RANK.fatal) this.#engine.fatal(literal(message), properties);
  }

  getChild(category: string): EngineLogger {
    return new EngineLogger(this.#node.child(category), this.#engine.getChild(category));
  }

  with(properties: LogProperties): EngineLogger {
    return new EngineLogger(this.#node, this.#engine.with(properties));
  }
}

function literal(message: string): string {
  return message.includes("{") ? message.replaceAll("{", "{{").replaceAll("}", "}}") : message;
}
