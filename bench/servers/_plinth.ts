import { App, type AppOptions } from "../../mod.ts";

/** A production-mode Plinth app as a deployment would configure it. */
export function benchApp(options: AppOptions = {}): App {
  return new App({
    env: "production",
    allowedHosts: ["127.0.0.1", "localhost"],
    secretKeys: ["bench-secret-key-that-is-long-enough-0123456789"],
    ...options,
  });
}
