import type { Segment } from "./_pattern.ts";

const ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** The routes that share one concrete path, by method. */
export class MethodTable<T> {
  readonly #methods = new Map<string, T>();
  #get: T | undefined;
  #any: T | undefined;
  /** The `Allow` header value for this path. */
  allow = "";

  add(method: string, value: T, describe: string): void {
    if (method === "*" ? this.#any !== undefined : this.#methods.has(method)) {
      throw new TypeError(`Cannot add route ${describe}: it is already defined`);
    }
    if (method === "*") this.#any = value;
    else this.#methods.set(method, value);
    if (method === "GET") this.#get = value;
    const methods = this.#any === undefined ? new Set(this.#methods.keys()) : new Set(ALL_METHODS);
    if (methods.has("GET")) methods.add("HEAD");
    methods.add("OPTIONS");
    this.allow = [...methods].join(", ");
  }

  /** The route for `method`: HEAD falls back to GET, then any method to an `all()` route. */
  pick(method: string): T | undefined {
    if (method === "GET" && this.#get !== undefined) return this.#get;
    return this.#methods.get(method) ??
      (method === "HEAD" ? this.#methods.get("GET") : undefined) ?? this.#any;
  }
}

interface ParamEdge<T> {
  name: string;
  regex: RegExp | undefined;
  node: Node<T>;
}

class Node<T> {
  statics: Map<string, Node<T>> | undefined;
  params: ParamEdge<T>[] = [];
  wildcard: { name: string; table: MethodTable<T> } | undefined;
  table: MethodTable<T> | undefined;
}

interface Search {
  readonly method: string;
  readonly segments: readonly string[];
  readonly params: string[];
  allow: string | undefined;
}

/** What {@linkcode Matcher.find} answers. */
export type MatchResult<T> =
  | { value: T; params: string[] }
  | { value: undefined; allow: string }
  | undefined;

/**
 * A segment trie: static children first, then parameters in registration order, then a
 * wildcard. One walk per request, proportional to the path's length; no regex over the path.
 * Paths made only of static segments are also kept in one map for a single lookup.
 */
export class Matcher<T> {
  readonly #root = new Node<T>();
  readonly #static = new Map<string, MethodTable<T>>();

  /** Adds one concrete variant of a route (optional segments already expanded). */
  add(segments: readonly Segment[], method: string, value: T, describe: string): void {
    let node = this.#root;
    for (const segment of segments) {
      if (segment.kind === "wildcard") {
        node.wildcard ??= { name: segment.name, table: new MethodTable() };
        if (node.wildcard.name !== segment.name) {
          throw new TypeError(
            `Cannot add route ${describe}: its wildcard is named "${segment.name}" where ` +
              `another route's at the same place is "${node.wildcard.name}"`,
          );
        }
        node.wildcard.table.add(method, value, describe);
        return;
      }
      if (segment.kind === "static") {
        node.statics ??= new Map();
        let child = node.statics.get(segment.value);
        if (!child) node.statics.set(segment.value, child = new Node());
        node = child;
      } else {
        const source = segment.regex?.source;
        let edge = node.params.find((e) => e.name === segment.name && e.regex?.source === source);
        if (!edge) {
          node.params.push(edge = { name: segment.name, regex: segment.regex, node: new Node() });
        }
        node = edge.node;
      }
    }
    node.table ??= new MethodTable();
    node.table.add(method, value, describe);
    if (segments.every((s) => s.kind === "static")) {
      const path = "/" + segments.map((s) => (s as { value: string }).value).join("/");
      this.#static.set(path, node.table);
    }
  }

  /** The table of a path made only of static segments, in one map lookup. */
  staticTable(path: string): MethodTable<T> | undefined {
    return this.#static.get(path);
  }

  /**
   * Finds the route for `method` at `segments`. Parameters come back as a flat
   * `[name, value, ...]` list. A path that matches without the method yields its `Allow` value.
   */
  find(method: string, segments: readonly string[]): MatchResult<T> {
    const search: Search = { method, segments, params: [], allow: undefined };
    const value = this.#visit(this.#root, 0, search);
    if (value !== undefined) return { value, params: search.params };
    return search.allow === undefined ? undefined : { value: undefined, allow: search.allow };
  }

  #visit(node: Node<T>, i: number, search: Search): T | undefined {
    const { segments } = search;
    if (i === segments.length) {
      if (!node.table) return undefined;
      const hit = node.table.pick(search.method);
      if (hit === undefined) search.allow ??= node.table.allow;
      return hit;
    }
    const segment = segments[i];
    const child = node.statics?.get(segment);
    if (child) {
      const hit = this.#visit(child, i + 1, search);
      if (hit !== undefined) return hit;
    }
    if (segment !== "") {
      for (const edge of node.params) {
        if (edge.regex && !edge.regex.test(segment)) continue;
        search.params.push(edge.name, segment);
        const hit = this.#visit(edge.node, i + 1, search);
        if (hit !== undefined) return hit;
        search.params.length -= 2;
      }
    }
    if (node.wildcard) {
      const hit = node.wildcard.table.pick(search.method);
      if (hit === undefined) search.allow ??= node.wildcard.table.allow;
      else search.params.push(node.wildcard.name, segments.slice(i).join("/"));
      return hit;
    }
    return undefined;
  }
}
