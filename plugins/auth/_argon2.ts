import { argon2id } from "hash-wasm";

/** An argon2id derivation: the password and salt bytes and the cost parameters. */
export interface Argon2Job {
  readonly password: Uint8Array;
  readonly salt: Uint8Array;
  /** Memory in KiB. */
  readonly memory: number;
  readonly iterations: number;
  readonly parallelism: number;
  /** Bytes of output. */
  readonly length: number;
}

/** Derives an argon2id hash with `hash-wasm` on the calling thread. */
export async function deriveArgon2(job: Argon2Job): Promise<Uint8Array> {
  return await argon2id({
    password: job.password,
    salt: job.salt,
    memorySize: job.memory,
    iterations: job.iterations,
    parallelism: job.parallelism,
    hashLength: job.length,
    outputType: "binary",
  });
}
