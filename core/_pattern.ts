/** One segment of a compiled route pattern. */
export type Segment =
  | { kind: "static"; value: string }
  | { kind: "param"; name: string; regex?: RegExp; optional: boolean }
  | { kind: "wildcard"; name: string };

const PARAM = /^:([A-Za-z_][A-Za-z0-9_]*)(?:\{(.+)\})?(\?)?$/;
const WILDCARD = /^\*([A-Za-z_][A-Za-z0-9_]*)?$/;

/**
 * Parses a route pattern such as `/posts/:year{\d{4}}/:slug?` or `/static/*path` into segments.
 * Throws at boot, with the pattern in the message, for anything malformed.
 */
export function parsePattern(pattern: string): Segment[] {
  if (!pattern.startsWith("/")) {
    throw new TypeError(`Cannot add route "${pattern}": patterns start with "/"`);
  }
  const names = new Set<string>();
  const parts = pattern.slice(1).split("/");
  return parts.map((part, index): Segment => {
    const fail = (what: string) => new TypeError(`Cannot add route "${pattern}": ${what}`);
    const wildcard = WILDCARD.exec(part);
    if (wildcard) {
      if (index !== parts.length - 1) throw fail("a wildcard must be the last segment");
      return { kind: "wildcard", name: claim(names, wildcard[1] ?? "*", fail) };
    }
    if (part.startsWith(":")) {
      const param = PARAM.exec(part);
      if (!param) {
        throw fail(`"${part}" is not a valid parameter (use :name, :name{regex}, :name?)`);
      }
      let regex: RegExp | undefined;
      if (param[2] !== undefined) {
        try {
          regex = new RegExp(`^(?:${param[2]})$`, "u");
        } catch (error) {
          throw fail(`invalid regex for "${param[1]}": ${(error as Error).message}`);
        }
      }
      return { kind: "param", name: claim(names, param[1], fail), regex, optional: !!param[3] };
    }
    if (/[*%\\]/.test(part) || part === "." || part === "..") {
      throw fail(`invalid segment "${part}" (write static text decoded, without * % or \\)`);
    }
    if (part === "" && index !== parts.length - 1) throw fail("empty segment");
    return { kind: "static", value: part };
  });
}

function claim(names: Set<string>, name: string, fail: (what: string) => Error): string {
  if (names.has(name)) throw fail(`parameter "${name}" appears twice`);
  names.add(name);
  return name;
}

/** Every concrete variant of a pattern: each optional parameter present or absent. */
export function expandOptional(segments: readonly Segment[]): Segment[][] {
  let variants: Segment[][] = [[]];
  for (const segment of segments) {
    const present = variants.map((v) => [...v, segment]);
    variants = segment.kind === "param" && segment.optional ? [...variants, ...present] : present;
  }
  // A pattern whose segments are all absent still needs its root: "/:page?" also matches "/".
  return variants.map((v) => (v.length === 0 ? [{ kind: "static", value: "" }] : v));
}

/** Parameter values accepted by a {@linkcode Fill}. */
export type ParamValues = Record<string, string | number | bigint>;

/**
 * Builds the path of the route called `name` from parameter values, percent-encoding each value.
 *
 * @throws {TypeError} When a required parameter is missing or a value does not fit its segment.
 */
export type Fill = (name: string, params: ParamValues) => string;

type Dynamic = Exclude<Segment, { kind: "static" }>;

/**
 * Compiles a pattern's segments into a {@linkcode Fill}: the static text between parameters is
 * encoded once, here, so that a reversal only encodes the values.
 */
export function compileFill(segments: readonly Segment[]): Fill {
  const before: string[] = [];
  const dynamic: Dynamic[] = [];
  let text = "";
  for (const segment of segments) {
    if (segment.kind === "static") {
      text += "/" + encodeURIComponent(segment.value);
      continue;
    }
    before.push(text);
    dynamic.push(segment);
    text = "";
  }
  const rest = text;
  if (dynamic.length === 0) {
    const path = rest === "" ? "/" : rest;
    return () => path;
  }
  return (name, params) => {
    let path = "";
    for (let i = 0; i < dynamic.length; i++) {
      path += before[i] + fillSegment(name, dynamic[i], params);
    }
    path += rest;
    return path === "" ? "/" : path;
  };
}

/** One parameter or wildcard segment of a path, with its leading "/", or "" when left out. */
function fillSegment(name: string, segment: Dynamic, params: ParamValues): string {
  const raw = Object.hasOwn(params, segment.name) ? params[segment.name] : undefined;
  if (raw === undefined || raw === "") {
    if (segment.kind === "wildcard") return "/";
    if (segment.optional) return "";
    throw fillError(name, segment, "is missing");
  }
  const value = String(raw);
  if (segment.kind === "wildcard") return "/" + value.split("/").map(encodeURIComponent).join("/");
  if (value.includes("/")) {
    throw fillError(name, segment, `cannot contain "/" (got "${value}"): use a wildcard`);
  }
  if (segment.regex && !segment.regex.test(value)) {
    throw fillError(name, segment, `does not match ${segment.regex.source} (got "${value}")`);
  }
  return "/" + encodeURIComponent(value);
}

function fillError(name: string, segment: Dynamic, what: string): TypeError {
  return new TypeError(`Cannot reverse "${name}": parameter "${segment.name}" ${what}`);
}
