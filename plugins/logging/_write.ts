/** Something that writes synchronously, such as `Deno.stderr` or a `Deno.FsFile`. */
export interface SyncWriter {
  writeSync(bytes: Uint8Array): number;
}

/** Writes every byte, looping over short writes. */
export function writeAllSync(writer: SyncWriter, bytes: Uint8Array): void {
  let written = 0;
  while (written < bytes.length) written += writer.writeSync(bytes.subarray(written));
}
