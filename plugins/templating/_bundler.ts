import { basename, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleConfig } from "./_bundle_config.ts";
import type { IslandSpec } from "./_island_registry.ts";

/** Built island bundles: the runtime's file, each island module's file, and every file's bytes. */
export interface IslandBundle {
  /** The runtime's file name, such as `runtime-3f9a1c2b.js`. */
  readonly runtime: string;
  /** The file name of each island module's bundle, by module URL. */
  readonly modules: ReadonlyMap<string, string>;
  /** Every file by name: entries (content-hashed by us) and shared chunks (by the bundler). */
  readonly files: ReadonlyMap<string, Uint8Array>;
}

const RUNTIME = new URL("./_client_runtime.ts", import.meta.url).href;
const CLIENT_API = new URL("./_client_api.ts", import.meta.url).href;
const PUBLIC_MODULE = new URL("./mod.ts", import.meta.url).href;

/**
 * Bundles the islands for the browser with `deno bundle` (esbuild, with code splitting so that
 * Preact is shared), with the project's import map and the automatic JSX runtime (see
 * `bundleConfig`). The plugin's public module is mapped to its browser side. The project's
 * lockfile is left alone. Entry files are renamed with a hash of their content; shared chunks
 * already carry one.
 *
 * @throws {Error} With the bundler's message when bundling fails.
 */
export async function bundleIslands(
  specs: readonly IslandSpec[],
  options: { root: string; minify: boolean },
): Promise<IslandBundle> {
  const work = await Deno.makeTempDir({ prefix: "plinth-islands-" });
  try {
    const entries = new Map<string, string>([["runtime", `export { boot } from "${RUNTIME}";\n`]]);
    const entryOf = new Map<string, string>();
    for (const [module, exports] of groupByModule(specs)) {
      const entry = uniqueName(stemOf(module), entries);
      const names = [...exports].map((name) =>
        /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name)
      ).join(", ");
      entries.set(entry, `export { ${names} } from ${JSON.stringify(module)};\n`);
      entryOf.set(module, entry);
    }
    await Deno.mkdir(join(work, "entries"));
    for (const [entry, text] of entries) {
      await Deno.writeTextFile(join(work, "entries", `${entry}.js`), text);
    }
    const config = join(work, "deno.json");
    const aliases = { "@plinth/plinth/templating": CLIENT_API, [PUBLIC_MODULE]: CLIENT_API };
    await Deno.writeTextFile(config, JSON.stringify(await bundleConfig(options.root, aliases)));
    const outDir = join(work, "out");
    const args = [
      "bundle",
      "--quiet",
      "--platform=browser",
      "--format=esm",
      "--code-splitting",
      `--config=${config}`,
      "--no-lock",
      `--outdir=${outDir}`,
      ...(options.minify ? ["--minify"] : []),
      ...[...entries.keys()].map((entry) => join(work, "entries", `${entry}.js`)),
    ];
    const result = await new Deno.Command(Deno.execPath(), {
      args,
      cwd: options.root,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!result.success) {
      const message = new TextDecoder().decode(result.stderr).trim();
      throw new Error(
        `Cannot bundle the islands: ${message || `deno bundle exited ${result.code}`}`,
      );
    }
    const files = new Map<string, Uint8Array>();
    const renamed = new Map<string, string>();
    for await (const file of Deno.readDir(outDir)) {
      const bytes = await Deno.readFile(join(outDir, file.name));
      const entry = file.name.slice(0, -extname(file.name).length);
      const name = entries.has(entry) ? `${entry}-${await hashOf(bytes)}.js` : file.name;
      renamed.set(entry, name);
      files.set(name, bytes);
    }
    const modules = new Map<string, string>();
    for (const [module, entry] of entryOf) modules.set(module, renamed.get(entry)!);
    return { runtime: renamed.get("runtime")!, modules, files };
  } finally {
    await Deno.remove(work, { recursive: true });
  }
}

function groupByModule(specs: readonly IslandSpec[]): Map<string, Set<string>> {
  const modules = new Map<string, Set<string>>();
  for (const spec of specs) {
    const exports = modules.get(spec.module) ?? new Set();
    exports.add(spec.exportName!);
    modules.set(spec.module, exports);
  }
  return modules;
}

function stemOf(module: string): string {
  const path = module.startsWith("file:") ? fileURLToPath(module) : new URL(module).pathname;
  const stem = basename(path, extname(path)).replace(/[^\w-]/g, "_");
  return stem === "runtime" || stem === "" ? `island_${stem}` : stem;
}

function uniqueName(stem: string, taken: ReadonlyMap<string, string>): string {
  let name = stem;
  for (let i = 2; taken.has(name); i++) name = `${stem}_${i}`;
  return name;
}

/** The first 8 bytes of the SHA-256 of `bytes`, in hex. */
export async function hashOf(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
  return [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
