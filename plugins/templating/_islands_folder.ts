import { join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { ComponentType } from "preact";
import { islandOf, registerIsland } from "./_island_registry.ts";

const MODULE = /\.(tsx|jsx|ts|js)$/;

/**
 * Imports every module under `dir` (skipping files and folders starting with `_` or `.`, and
 * tests) and registers its components as islands: the default export is named after the file's
 * path (`cart/summary`), other exports starting with a capital letter as `path.Export`.
 * Exports already made islands with `island()` keep their registration.
 *
 * @throws {Error} When `dir` is not a directory, or an island name is taken.
 */
export async function registerIslandsFolder(dir: string): Promise<void> {
  const root = resolve(dir);
  const info = await Deno.stat(root).catch(() => undefined);
  if (info === undefined || !info.isDirectory) {
    throw new Error(`Cannot read the islands folder "${dir}": it is not a directory`);
  }
  for await (const path of modules(root)) {
    const stem = relative(root, path).replace(MODULE, "").split(sep).join("/");
    const module = pathToFileURL(path).href;
    const exports: Record<string, unknown> = await import(module);
    for (const [exportName, value] of Object.entries(exports)) {
      if (typeof value !== "function") continue;
      if (exportName !== "default" && !/^[A-Z]/.test(exportName)) continue;
      if (islandOf(value) !== undefined) continue;
      registerIsland(value as ComponentType<Record<string, unknown>>, {
        name: exportName === "default" ? stem : `${stem}.${exportName}`,
        module,
        exportName,
        byComponent: true,
      });
    }
  }
}

async function* modules(dir: string): AsyncGenerator<string> {
  const entries = [];
  for await (const entry of Deno.readDir(dir)) entries.push(entry);
  entries.sort((a, b) => a.name < b.name ? -1 : 1);
  for (const entry of entries) {
    if (entry.name.startsWith("_") || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* modules(path);
    else if (MODULE.test(entry.name) && !/_test\.[jt]sx?$/.test(entry.name)) yield path;
  }
}
