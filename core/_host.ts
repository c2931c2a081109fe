const HOST_SHAPE = /^(?:(?:[a-z0-9-]+\.)*[a-z0-9-]+\.?|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?$/;
const CACHE_LIMIT = 512;

/**
 * Checks request hosts against the app's `allowedHosts` (Django's `ALLOWED_HOSTS` rules): an
 * exact name, `.example.com` for the domain and its subdomains, or `*` for any well-formed host.
 * Ports are ignored. Verdicts are cached for the first few hundred distinct hosts.
 */
export class HostValidator {
  #exact = new Set<string>();
  #suffixes: string[] = [];
  #any = false;
  #verdicts = new Map<string, boolean>();

  constructor(allowed: readonly string[]) {
    for (const entry of allowed) {
      const host = entry.toLowerCase();
      if (host === "*") this.#any = true;
      else if (host.startsWith(".")) this.#suffixes.push(host);
      else this.#exact.add(host);
    }
  }

  /** Whether `authority` (`host[:port]` as sent) names an allowed host. */
  allows(authority: string): boolean {
    const cached = this.#verdicts.get(authority);
    if (cached !== undefined) return cached;
    const verdict = this.#decide(authority.toLowerCase());
    if (this.#verdicts.size < CACHE_LIMIT) this.#verdicts.set(authority, verdict);
    return verdict;
  }

  #decide(authority: string): boolean {
    if (authority.length > 260 || !HOST_SHAPE.test(authority)) return false;
    const host = stripPort(authority).replace(/\.$/, "");
    if (this.#any || this.#exact.has(host)) return true;
    return this.#suffixes.some((suffix) => host.endsWith(suffix) || host === suffix.slice(1));
  }
}

/** `authority` without its `:port`, IPv6 brackets kept. */
export function stripPort(authority: string): string {
  const colon = authority.lastIndexOf(":");
  return colon > authority.lastIndexOf("]") ? authority.slice(0, colon) : authority;
}
