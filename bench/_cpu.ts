/** Command prefixes that pin the servers and the load generator to different CPUs. */
export interface Pinning {
  server: string[];
  load: string[];
  note: string;
}

/** Pins servers to CPU 0 and wrk to CPU 1 with `taskset`, or explains why it cannot. */
export async function pinning(): Promise<Pinning> {
  const unpinned = (why: string) => ({ server: [], load: [], note: `unpinned (${why})` });
  if (navigator.hardwareConcurrency < 2) return unpinned("fewer than 2 CPUs");
  try {
    const probe = await new Deno.Command("taskset", {
      args: ["-c", "1", "true"],
      stdout: "null",
      stderr: "null",
    }).output();
    if (!probe.success) return unpinned("taskset cannot use CPU 1");
  } catch {
    return unpinned("taskset not found");
  }
  return {
    server: ["taskset", "-c", "0"],
    load: ["taskset", "-c", "1"],
    note: "servers on CPU 0, wrk on CPU 1",
  };
}

/** Runs `prefix` + `command`, where `prefix` may be empty. */
export function pinned(prefix: string[], command: string, args: string[]): [string, string[]] {
  return prefix.length === 0
    ? [command, args]
    : [prefix[0], [...prefix.slice(1), command, ...args]];
}
