import { join } from "node:path";
import { pathToFileURL } from "node:url";

type ImportMap = {
  imports?: Record<string, string>;
  scopes?: Record<string, Record<string, string>>;
};

/**
 * The Deno configuration island bundles are built with: the project's import map (from its
 * `deno.json` or `deno.jsonc` in `root`, relative addresses made absolute so that the file can
 * live elsewhere), `extra` imports on top, and the project's compiler options with the
 * automatic JSX runtime instead of `precompile`, whose HTML templates Preact renders only on
 * the server.
 *
 * @throws {Error} When the project's configuration cannot be read.
 */
export async function bundleConfig(
  root: string,
  extra: Record<string, string>,
): Promise<Record<string, unknown>> {
  let config: Record<string, unknown> = {};
  let base = pathToFileURL(join(root, "deno.json"));
  for (const name of ["deno.json", "deno.jsonc"]) {
    const path = join(root, name);
    const text = await Deno.readTextFile(path).catch((error) => {
      if (error instanceof Deno.errors.NotFound) return undefined;
      throw error;
    });
    if (text === undefined) continue;
    try {
      config = JSON.parse(stripJsonc(text));
    } catch (error) {
      throw new Error(`Cannot read ${path}: ${(error as Error).message}`);
    }
    base = pathToFileURL(path);
    break;
  }
  const maps: ImportMap[] = [absolute(config as ImportMap, base)];
  if (typeof config.importMap === "string") {
    const url = new URL(config.importMap, base);
    maps.push(absolute(JSON.parse(await Deno.readTextFile(url)), url));
  }
  const imports: Record<string, string> = {};
  const scopes: Record<string, Record<string, string>> = {};
  for (const map of maps) {
    Object.assign(imports, map.imports);
    for (const [scope, entries] of Object.entries(map.scopes ?? {})) {
      scopes[scope] = { ...scopes[scope], ...entries };
    }
  }
  Object.assign(imports, extra);
  const compilerOptions = { ...(config.compilerOptions as Record<string, unknown> | undefined) };
  delete compilerOptions.jsxPrecompileSkipElements;
  compilerOptions.jsx = "react-jsx";
  compilerOptions.jsxImportSource ??= "preact";
  return { imports, scopes, compilerOptions };
}

function absolute(map: ImportMap, base: URL): ImportMap {
  const resolve = (address: string) =>
    /^\.{0,2}\//.test(address) ? new URL(address, base).href : address;
  const entries = (record: Record<string, string> = {}) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [resolve(k), resolve(v)]));
  return {
    imports: entries(map.imports),
    scopes: Object.fromEntries(
      Object.entries(map.scopes ?? {}).map(([scope, record]) => [resolve(scope), entries(record)]),
    ),
  };
}

/** JSON with comments and trailing commas, as `deno.jsonc` allows, made plain JSON. */
export function stripJsonc(text: string): string {
  const withoutComments = outsideStrings(text, (at) => {
    if (text.startsWith("//", at)) {
      const end = text.indexOf("\n", at);
      return [end < 0 ? text.length : end, ""];
    }
    if (text.startsWith("/*", at)) {
      const end = text.indexOf("*/", at + 2);
      if (end < 0) throw new SyntaxError("Unterminated comment");
      return [end + 2, " "];
    }
    return undefined;
  });
  const trailing = /,\s*[}\]]/y;
  return outsideStrings(withoutComments, (at) => {
    trailing.lastIndex = at;
    return trailing.test(withoutComments) ? [at + 1, ""] : undefined;
  });
}

/**
 * Copies `text`, letting `replace` swap what starts at each position outside string literals:
 * it returns where the replaced part ends and what to put instead, or nothing to keep it.
 */
function outsideStrings(
  text: string,
  replace: (at: number) => [end: number, by: string] | undefined,
): string {
  let out = "";
  for (let i = 0; i < text.length;) {
    if (text[i] === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      if (end >= text.length) throw new SyntaxError("Unterminated string");
      out += text.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    const swap = replace(i);
    if (swap === undefined) {
      out += text[i++];
    } else {
      out += swap[1];
      i = swap[0];
    }
  }
  return out;
}
