import type { ServerProcess } from "./_server_process.ts";

/** Headers that differ between runs or may be left to the transport. */
const ALWAYS_IGNORED = new Set(["date"]);
const IGNORED_IF_ABSENT = new Set(["content-length", "x-request-id"]);
const VARIES_PER_REQUEST = new Set(["x-request-id"]);

interface Snapshot {
  status: number;
  body: string;
  headers: Map<string, string>;
}

/**
 * Fetches `path` from every server (as wrk would: no compression) and throws, listing every
 * difference, unless all answer the same status, headers and body.
 */
export async function verifySameResponse(
  servers: readonly ServerProcess[],
  path: string,
  method: string,
): Promise<void> {
  const snapshots = await Promise.all(servers.map((server) => snapshot(server, path, method)));
  const [first, ...rest] = snapshots;
  const problems: string[] = [];
  rest.forEach((other, i) => {
    const a = servers[0].label, b = servers[i + 1].label;
    if (other.status !== first.status) {
      problems.push(`status: ${a} ${first.status}, ${b} ${other.status}`);
    }
    if (other.body !== first.body) {
      problems.push(`body: ${a} ${JSON.stringify(first.body)}, ${b} ${JSON.stringify(other.body)}`);
    }
    for (const name of new Set([...first.headers.keys(), ...other.headers.keys()])) {
      const x = first.headers.get(name), y = other.headers.get(name);
      if (x === y || ALWAYS_IGNORED.has(name)) continue;
      if (IGNORED_IF_ABSENT.has(name) && (x === undefined || y === undefined)) continue;
      if (VARIES_PER_REQUEST.has(name)) continue;
      problems.push(`header ${name}: ${a} ${x ?? "(absent)"}, ${b} ${y ?? "(absent)"}`);
    }
  });
  if (problems.length > 0) {
    throw new Error(`Servers answer ${method} ${path} differently:\n  ${problems.join("\n  ")}`);
  }
}

async function snapshot(server: ServerProcess, path: string, method: string): Promise<Snapshot> {
  const res = await fetch(server.origin + path, {
    method,
    headers: { "accept-encoding": "identity" },
  });
  return { status: res.status, body: await res.text(), headers: new Map(res.headers) };
}
