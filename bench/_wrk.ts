import { pinned } from "./_cpu.ts";

/** One load run's figures. */
export interface Measurement {
  rps: number;
  p99Ms: number;
  socketErrors: number;
  /** The server's CPU time per request, in microseconds, when the harness could read it. */
  cpuUs?: number;
}

/** Load settings shared by every run. */
export interface LoadOptions {
  seconds: number;
  connections: number;
  method: string;
  prefix: string[];
}

/** Installs wrk from Debian when it is missing. */
export async function ensureWrk(): Promise<void> {
  if (await exists("wrk")) return;
  console.error("wrk not found: installing it with apt-get");
  if (
    !await succeeds("apt-get", ["update"]) || !await succeeds("apt-get", ["install", "-y", "wrk"])
  ) {
    throw new Error("Cannot install wrk: run apt-get update && apt-get install -y wrk as root");
  }
}

/** Loads `url` with wrk for `options.seconds` and parses req/s and p99 latency. */
export async function runWrk(url: string, options: LoadOptions): Promise<Measurement> {
  const args = [
    "-t1",
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    "--timeout",
    "5s",
    "--latency",
  ];
  let script: string | undefined;
  if (options.method !== "GET") {
    script = await Deno.makeTempFile({ suffix: ".lua" });
    await Deno.writeTextFile(script, `wrk.method = ${JSON.stringify(options.method)}\n`);
    args.push("-s", script);
  }
  try {
    const [command, full] = pinned(options.prefix, "wrk", [...args, url]);
    const out = await new Deno.Command(command, { args: full, stdout: "piped", stderr: "piped" })
      .output();
    const text = new TextDecoder().decode(out.stdout);
    if (!out.success) {
      throw new Error(`wrk failed on ${url}: ${new TextDecoder().decode(out.stderr)}${text}`);
    }
    return parseWrk(text, url);
  } finally {
    if (script !== undefined) await Deno.remove(script);
  }
}

function parseWrk(text: string, url: string): Measurement {
  const rps = text.match(/Requests\/sec:\s+([\d.]+)/);
  const p99 = text.match(/^\s*99%\s+([\d.]+)(us|ms|s|m)\s*$/m);
  if (rps === null || p99 === null) throw new Error(`Cannot parse wrk output for ${url}:\n${text}`);
  const bad = text.match(/Non-2xx or 3xx responses:\s+(\d+)/);
  if (bad !== null) throw new Error(`Server answered ${bad[1]} non-2xx responses on ${url}`);
  const errors = text.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const scale = { us: 0.001, ms: 1, s: 1000, m: 60000 }[p99[2] as "us" | "ms" | "s" | "m"];
  return {
    rps: Number(rps[1]),
    p99Ms: Number(p99[1]) * scale,
    socketErrors: errors === null ? 0 : errors.slice(1).reduce((sum, n) => sum + Number(n), 0),
  };
}

async function exists(command: string): Promise<boolean> {
  try {
    // wrk --version exits with 1, so only a missing binary counts.
    await new Deno.Command(command, { args: ["--version"], stdout: "null", stderr: "null" })
      .output();
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

async function succeeds(command: string, args: string[]): Promise<boolean> {
  try {
    const out = await new Deno.Command(command, { args, stdout: "null", stderr: "inherit" })
      .output();
    return out.success;
  } catch {
    return false;
  }
}
