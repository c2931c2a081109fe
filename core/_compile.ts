import type { RouteInfo } from "./context.ts";
import { Matcher } from "./_matcher.ts";
import { compose, type Middleware, type View } from "./middleware.ts";
import { expandOptional, parsePattern, type Segment } from "./_pattern.ts";
import { type Router, routerInternals } from "./router.ts";

/** A route ready to serve: its composed chain and its limits. */
export interface CompiledRoute {
  readonly info: RouteInfo;
  readonly handler: View;
  readonly bodyLimit: number;
  readonly timeout: number | false;
}

/** The route table an app builds once at boot. */
export interface RouteTable {
  readonly matcher: Matcher<CompiledRoute>;
  readonly names: ReadonlyMap<string, readonly Segment[]>;
  /** The root router's middleware without a prefix, for 404, 405 and OPTIONS answers. */
  readonly globalMiddleware: readonly Middleware[];
  /** Every route, for the `routes` command. */
  readonly routes: readonly { method: string; info: RouteInfo }[];
}

interface Scoped {
  prefix: string;
  fn: Middleware;
}

/** Flattens a router and its mounts into one matcher, composing every chain once. */
export function compileRoutes(
  root: Router,
  defaults: { bodyLimit: number; timeout: number | false },
): RouteTable {
  const matcher = new Matcher<CompiledRoute>();
  const names = new Map<string, readonly Segment[]>();
  const routes: { method: string; info: RouteInfo }[] = [];

  const visit = (router: Router, prefix: string, namespace: string, inherited: Scoped[]) => {
    routerInternals.freeze(router);
    const records = routerInternals.records(router);
    const scoped = [
      ...inherited,
      ...records.middleware.map((m) => ({ prefix: prefix + m.prefix, fn: m.fn })),
    ];
    for (const route of records.routes) {
      const pattern = prefix + route.path;
      const segments = parsePattern(pattern);
      const name = route.options.name === undefined ? undefined : namespace + route.options.name;
      if (name !== undefined) {
        if (names.has(name)) {
          throw new TypeError(`Cannot name route "${pattern}": "${name}" is taken`);
        }
        names.set(name, segments);
      }
      const applicable = scoped.filter((m) => covers(m.prefix, pattern)).map((m) => m.fn);
      const compiled: CompiledRoute = {
        info: Object.freeze({ pattern, name, meta: Object.freeze({ ...route.options.meta }) }),
        handler: compose([...applicable, ...route.middleware], route.view),
        bodyLimit: route.options.bodyLimit ?? defaults.bodyLimit,
        timeout: route.options.timeout ?? defaults.timeout,
      };
      routes.push({ method: route.method, info: compiled.info });
      for (const variant of expandOptional(segments)) {
        matcher.add(variant, route.method, compiled, `${route.method} ${pattern}`);
      }
    }
    for (const mount of records.mounts) {
      const inner = mount.namespace === undefined ? namespace : `${namespace}${mount.namespace}:`;
      visit(mount.router, prefix + mount.prefix, inner, scoped);
    }
  };
  visit(root, "", "", []);
  const globalMiddleware = routerInternals.records(root).middleware
    .filter((m) => m.prefix === "").map((m) => m.fn);
  return { matcher, names, globalMiddleware, routes };
}

function covers(prefix: string, pattern: string): boolean {
  return prefix === "" || pattern === prefix || pattern.startsWith(prefix + "/");
}
