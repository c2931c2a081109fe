/** A fetch handler, as `Deno.serve` takes it. */
export type Handler = (req: Request, info: Deno.ServeHandlerInfo) => Response | Promise<Response>;

/** What a server module default-exports: builds the handler once, before serving. */
export type ServerFactory = () => Promise<Handler>;

/** One benchmark: the same request sent to several servers that must answer the same bytes. */
export interface Scenario {
  /** Shown in the table and matched (as a substring) by `deno task bench -- <filter>`. */
  name: string;
  /** The request path, such as `/api/v1/resource37/42`. */
  path: string;
  /** The request method; `GET` by default. */
  method?: string;
  /** The servers to compare; `module` is relative to `bench/`, such as `servers/raw_hello.ts`. */
  servers: { label: string; module: string }[];
  /** Goals: `label`'s req/s must be at least `ratio` times `against`'s. */
  targets?: { label: string; against: string; ratio: number }[];
  /** Pairs dueled for reading, without a goal: `label`'s req/s over `against`'s. */
  references?: { label: string; against: string }[];
}

/** Two servers of a scenario loaded side by side: a target when it has a `ratio` to reach. */
export type DuelPair = { label: string; against: string; ratio?: number };

/** The pairs of `scenario` that the duels load side by side: its targets, then its references. */
export function duelPairs(scenario: Scenario): DuelPair[] {
  return [...scenario.targets ?? [], ...scenario.references ?? []];
}
