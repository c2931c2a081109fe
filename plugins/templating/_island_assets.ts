import { join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Context, HttpError, type Logger } from "../../core/mod.ts";
import { bundleIslands, type IslandBundle } from "./_bundler.ts";
import { registeredIslands, resolveExports } from "./_island_registry.ts";
import { scriptJson } from "./_props_codec.ts";
import type { IslandUse } from "./_render_state.ts";

/** Where the plugin serves island bundles. */
export const ISLANDS_PATH = "/_plinth/islands/";
const DATA_ID = "__plinth_islands";
const MANIFEST = "manifest.json";
const JS_HEADERS = {
  "content-type": "text/javascript; charset=utf-8",
  "cache-control": "public, max-age=31536000, immutable",
};

interface Manifest {
  runtime: string;
  modules: Record<string, string>;
}

/**
 * The island bundles of one app: built on demand (and kept until files change) in development
 * and tests, loaded from the build directory in production, served from memory with
 * content-hashed names.
 */
export class IslandAssets {
  readonly #root: string;
  readonly #production: boolean;
  readonly #log: () => Logger;
  readonly #files = new Map<string, Uint8Array>();
  #bundle: IslandBundle | undefined;
  #building: Promise<IslandBundle> | undefined;
  #generation = 0;

  constructor(options: { root: string; production: boolean; log: () => Logger }) {
    this.#root = options.root;
    this.#production = options.production;
    this.#log = options.log;
  }

  /** Loads bundles that the build command wrote; `false` when there are none. */
  async load(buildDir: string): Promise<boolean> {
    let manifest: Manifest;
    try {
      manifest = JSON.parse(await Deno.readTextFile(join(buildDir, MANIFEST)));
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return false;
      throw new Error(`Cannot read ${join(buildDir, MANIFEST)}: ${(error as Error).message}`);
    }
    const files = new Map<string, Uint8Array>();
    for await (const entry of Deno.readDir(buildDir)) {
      if (entry.name.endsWith(".js")) {
        files.set(entry.name, await Deno.readFile(join(buildDir, entry.name)));
      }
    }
    const modules = new Map<string, string>();
    for (const [module, file] of Object.entries(manifest.modules)) {
      modules.set(this.#absolute(module), file);
    }
    this.#adopt({ runtime: manifest.runtime, modules, files });
    return true;
  }

  /** Bundles every registered island (minified) into `buildDir`, replacing older bundles. */
  async write(buildDir: string): Promise<IslandBundle> {
    const specs = registeredIslands();
    await resolveExports(specs);
    const bundle = await bundleIslands(specs, { root: this.#root, minify: true });
    await Deno.mkdir(buildDir, { recursive: true });
    for await (const entry of Deno.readDir(buildDir)) {
      if (entry.name.endsWith(".js") && !bundle.files.has(entry.name)) {
        await Deno.remove(join(buildDir, entry.name));
      }
    }
    for (const [name, bytes] of bundle.files) await Deno.writeFile(join(buildDir, name), bytes);
    const modules: Record<string, string> = {};
    for (const [module, file] of bundle.modules) modules[this.#portable(module)] = file;
    const manifest: Manifest = { runtime: bundle.runtime, modules };
    await Deno.writeTextFile(join(buildDir, MANIFEST), JSON.stringify(manifest, null, 2) + "\n");
    return bundle;
  }

  /** Forgets the bundle after a file changed: the next page with islands bundles again. */
  invalidate(): void {
    this.#generation++;
    this.#bundle = undefined;
  }

  /**
   * The scripts that hydrate `uses`: their list as JSON and a module script with `nonce` that
   * boots the runtime. A promise when bundles must be built or exports found first.
   */
  scripts(uses: readonly IslandUse[], nonce: string): string | Promise<string> {
    const bundle = this.#bundle;
    if (bundle !== undefined && covers(bundle, uses)) return scriptsOf(bundle, uses, nonce);
    return this.#ready(uses).then((ready) => scriptsOf(ready, uses, nonce));
  }

  /** Serves `/_plinth/islands/:file`. */
  serve = (ctx: Context): Response => {
    const bytes = this.#files.get(ctx.params.file);
    if (bytes === undefined) throw new HttpError(404, `No island bundle ${ctx.params.file}`);
    return new Response(bytes as BodyInit, { headers: JS_HEADERS });
  };

  async #ready(uses: readonly IslandUse[]): Promise<IslandBundle> {
    await resolveExports(uses.map((use) => use.spec));
    const bundle = this.#bundle;
    if (bundle !== undefined && covers(bundle, uses)) return bundle;
    return await (this.#building ??= this.#build().finally(() => this.#building = undefined));
  }

  async #build(): Promise<IslandBundle> {
    const generation = this.#generation;
    if (this.#production) {
      this.#log().warn(
        'Bundling islands on demand: run the "build" command before starting in production',
      );
    }
    const specs = registeredIslands();
    await resolveExports(specs);
    const started = performance.now();
    const bundle = await bundleIslands(specs, { root: this.#root, minify: this.#production });
    this.#log().debug("Bundled islands", {
      islands: specs.length,
      ms: Math.round(performance.now() - started),
    });
    if (generation === this.#generation) this.#adopt(bundle);
    else for (const [name, bytes] of bundle.files) this.#files.set(name, bytes);
    return bundle;
  }

  #adopt(bundle: IslandBundle): void {
    this.#bundle = bundle;
    for (const [name, bytes] of bundle.files) this.#files.set(name, bytes);
  }

  #portable(module: string): string {
    if (!module.startsWith("file:")) return module;
    return relative(this.#root, fileURLToPath(module)).split(sep).join("/");
  }

  #absolute(module: string): string {
    return /^[a-z]+:/.test(module) ? module : pathToFileURL(join(this.#root, module)).href;
  }
}

function covers(bundle: IslandBundle, uses: readonly IslandUse[]): boolean {
  return uses.every((use) =>
    use.spec.exportName !== undefined && bundle.modules.has(use.spec.module)
  );
}

function scriptsOf(bundle: IslandBundle, uses: readonly IslandUse[], nonce: string): string {
  const data = uses.map((use) => [
    ISLANDS_PATH + bundle.modules.get(use.spec.module),
    use.spec.exportName,
    use.props,
  ]);
  return `<script type="application/json" id="${DATA_ID}">${scriptJson(data)}</script>` +
    `<script type="module" nonce="${nonce}">import{boot}from"${ISLANDS_PATH}${bundle.runtime}";` +
    `boot("${DATA_ID}")</script>`;
}
