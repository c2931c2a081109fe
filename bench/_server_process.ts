import { pinned } from "./_cpu.ts";
import { freePort } from "../tests/fixtures/free_port.ts";

const SERVE = new URL("./_serve.ts", import.meta.url).pathname;
const ROOT = new URL("../", import.meta.url).pathname;
/** Clock ticks per second in `/proc` figures: fixed at 100 by Linux's user-space ABI. */
const USER_HZ = 100;

/** A server module running in its own Deno process. */
export class ServerProcess {
  static readonly #live = new Set<ServerProcess>();
  readonly label: string;
  readonly origin: string;
  readonly #child: Deno.ChildProcess;
  #exited = false;

  private constructor(label: string, port: number, child: Deno.ChildProcess) {
    this.label = label;
    this.origin = `http://127.0.0.1:${port}`;
    this.#child = child;
    ServerProcess.#live.add(this);
    child.status.then(() => {
      this.#exited = true;
      ServerProcess.#live.delete(this);
    });
  }

  /** Starts `module` (relative to `bench/`) on a free port and waits until it answers `path`. */
  static async start(
    label: string,
    module: string,
    options: { prefix: string[]; path: string },
  ): Promise<ServerProcess> {
    const port = freePort();
    const [command, args] = pinned(options.prefix, Deno.execPath(), [
      "run",
      "-A",
      SERVE,
      module,
      String(port),
    ]);
    const child = new Deno.Command(command, { args, cwd: ROOT, stdout: "null", stderr: "inherit" })
      .spawn();
    const server = new ServerProcess(label, port, child);
    await server.#waitUntilReady(options.path, module);
    return server;
  }

  /**
   * The CPU time the server process has used so far, in seconds (Linux `/proc`; `undefined`
   * elsewhere). Steadier than req/s on a shared machine: it leaves out time spent waiting.
   */
  async cpuSeconds(): Promise<number | undefined> {
    try {
      const stat = await Deno.readTextFile(`/proc/${this.#child.pid}/stat`);
      // Fields after the parenthesised command name start at field 3; utime and stime are 14, 15.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
    } catch {
      return undefined;
    }
  }

  /** Stops every server still running, such as when the harness is interrupted. */
  static async stopAll(): Promise<void> {
    await Promise.all([...ServerProcess.#live].map((server) => server.stop()));
  }

  /** Stops the process and waits for it to exit. */
  async stop(): Promise<void> {
    if (!this.#exited) this.#child.kill("SIGTERM");
    await this.#child.status;
  }

  async #waitUntilReady(path: string, module: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (this.#exited) throw new Error(`Server "${this.label}" (${module}) exited before serving`);
      try {
        await (await fetch(this.origin + path, { method: "HEAD" })).body?.cancel();
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    await this.stop();
    throw new Error(`Server "${this.label}" (${module}) did not answer within 30 s`);
  }
}
