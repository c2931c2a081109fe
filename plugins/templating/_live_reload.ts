import { resolve, sep } from "node:path";
import type { Context } from "../../core/mod.ts";

/** Where browsers listen for reloads. */
export const LIVE_RELOAD_PATH = "/_plinth/live-reload";
const KINDS = new Set<Deno.FsEvent["kind"]>(["create", "modify", "remove", "rename"]);
const SETTLE_MS = 30;

/**
 * Development live reload: watches folders with `Deno.watchFs` and tells every open page, over
 * server-sent events, to reload when a file changes. Each page also learns this process's id, so
 * that when `deno serve --watch` restarts the server the page reloads on reconnecting.
 */
export class LiveReload {
  readonly #id = crypto.randomUUID();
  readonly #pages = new Set<() => void>();
  readonly #closed: Promise<void>;
  readonly #close: () => void;
  #watcher: Deno.FsWatcher | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    const { promise, resolve } = Promise.withResolvers<void>();
    this.#closed = promise;
    this.#close = resolve;
  }

  /**
   * Starts watching `paths` (recursively, ignoring dot folders and `node_modules`); `onChange`
   * runs once per burst of changes, before pages are told.
   */
  watch(paths: readonly string[], onChange: () => void): void {
    if (paths.length === 0) return;
    const roots = paths.map((path) => resolve(path));
    const watcher = this.#watcher = Deno.watchFs(roots);
    (async () => {
      for await (const event of watcher) {
        if (!KINDS.has(event.kind) || event.paths.every((path) => ignored(path, roots))) continue;
        clearTimeout(this.#timer);
        this.#timer = setTimeout(() => {
          onChange();
          for (const tell of this.#pages) tell();
        }, SETTLE_MS);
      }
    })();
  }

  /** The event stream for one page: `hello` with the server's id, then `reload` per change. */
  events = (ctx: Context): Response =>
    ctx.sse(async (sink) => {
      await sink.send({ event: "hello", data: this.#id, retry: 500 });
      const tell = () => void sink.send({ event: "reload", data: "" });
      this.#pages.add(tell);
      const gone = new Promise<void>((resolve) => {
        if (sink.signal.aborted) resolve();
        sink.signal.addEventListener("abort", () => resolve(), { once: true });
      });
      await Promise.race([gone, this.#closed]);
      this.#pages.delete(tell);
    });

  /** The inline script that listens, with the response's nonce. */
  script(nonce: string): string {
    return `<script nonce="${nonce}">(()=>{let id;const s=new EventSource("${LIVE_RELOAD_PATH}");` +
      `s.addEventListener("hello",(e)=>{if(id&&id!==e.data)location.reload();id=e.data});` +
      `s.addEventListener("reload",()=>location.reload())})()</script>`;
  }

  /** Stops watching and ends every page's stream. */
  close(): void {
    clearTimeout(this.#timer);
    this.#watcher?.close();
    this.#watcher = undefined;
    this.#close();
  }
}

/** Whether `path` lies in a dot folder or `node_modules` below the watched root. */
function ignored(path: string, roots: readonly string[]): boolean {
  const root = roots.find((r) => path === r || path.startsWith(r + sep)) ?? "";
  return path.slice(root.length).split(sep).some((part) =>
    part.startsWith(".") || part === "node_modules"
  );
}
