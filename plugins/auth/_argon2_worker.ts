// The worker thread of the argon2 pool (_argon2_pool.ts): derives one hash per message.
import { parentPort } from "node:worker_threads";
import { type Argon2Job, deriveArgon2 } from "./_argon2.ts";

parentPort!.on("message", async (job: Argon2Job) => {
  try {
    parentPort!.postMessage({ hash: await deriveArgon2(job) });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
