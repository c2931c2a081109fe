/**
 * A temporary folder for a bench server's log file, removed when the harness stops the server
 * (SIGTERM), which then exits.
 */
export function benchLogDir(): string {
  const dir = Deno.makeTempDirSync({ prefix: "plinth-bench-log-" });
  Deno.addSignalListener("SIGTERM", () => {
    Deno.removeSync(dir, { recursive: true });
    Deno.exit(0);
  });
  return dir;
}
