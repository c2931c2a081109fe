import { dirname } from "node:path";
import { jsonLine } from "./_format.ts";
import { RANK } from "./_levels.ts";
import { LineBuffer } from "./_line_buffer.ts";
import type { Sink } from "./sink.ts";
import { writeAllSync } from "./_write.ts";

/**
 * Options of the file sink, which writes JSON lines and rotates by size: when the next line
 * would take `app.log` past `maxBytes`, it becomes `app.log.1`, `app.log.1` becomes
 * `app.log.2`, and so on up to `maxFiles`.
 *
 * @example Keeping three files of 5 MiB
 * ```ts
 * import { App } from "@plinth/plinth";
 * import { type FileSinkOptions, logging } from "@plinth/plinth/logging";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const file: FileSinkOptions = { path: `${dir}/app.log`, maxBytes: 5 * 1024 * 1024, maxFiles: 3 };
 * const app = new App({ env: "test" }).register(logging({ console: false, file }));
 * await app.boot();
 * app.log.error("Written at once: errors are not buffered");
 * assert.match(await Deno.readTextFile(file.path), /Written at once/);
 * await app.close();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export interface FileSinkOptions {
  /** The log file, written as JSON lines; its folder is created if missing. */
  path: string;
  /** Rotate before the file grows past this many bytes; default 10 MiB. */
  maxBytes?: number;
  /** Rotated files to keep: `app.log.1` (newest) to `app.log.<maxFiles>`; default 5. */
  maxFiles?: number;
}

const encoder = new TextEncoder();

/**
 * Checks file sink options when the plugin is made, so mistakes fail before boot.
 *
 * @throws {RangeError} For a limit that is not a positive integer.
 */
export function checkFileOptions(options: FileSinkOptions): void {
  for (const name of ["maxBytes", "maxFiles"] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
      throw new RangeError(`Cannot use file sink: ${name} is ${value}; use a positive integer`);
    }
  }
}

/**
 * A JSON-lines log file with size-based rotation, on Deno's file APIs. Lines go through a
 * {@linkcode LineBuffer}, so a request rarely waits for the disk; errors are written at once.
 */
export class RotatingFile {
  readonly #path: string;
  readonly #maxBytes: number;
  readonly #maxFiles: number;
  readonly #buffer: LineBuffer;
  #file: Deno.FsFile;
  #size: number;

  /**
   * Opens (or creates) the file for appending.
   *
   * @param onError Told when a timed write fails, as no request is there to see it.
   * @throws {Error} When the file cannot be opened, saying which.
   */
  constructor(options: FileSinkOptions, onError: (error: unknown) => void) {
    this.#path = options.path;
    this.#maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
    this.#maxFiles = options.maxFiles ?? 5;
    try {
      Deno.mkdirSync(dirname(this.#path), { recursive: true });
      this.#file = Deno.openSync(this.#path, { append: true, create: true });
    } catch (error) {
      throw new Error(
        `Cannot open log file "${this.#path}": ${(error as Error).message}; check the path and ` +
          "that the process may write there (--allow-write)",
        { cause: error },
      );
    }
    this.#size = this.#file.statSync().size;
    this.#buffer = new LineBuffer((lines) => this.#place(lines), onError);
  }

  /** The sink that queues a record's JSON line. */
  readonly sink: Sink = (record) => {
    this.#buffer.push(jsonLine(record), RANK[record.level] >= RANK.error);
  };

  /** Writes buffered lines. */
  flush(): void {
    this.#buffer.flush();
  }

  /** Flushes and closes the file. */
  close(): void {
    try {
      this.#buffer.close();
    } finally {
      this.#file.close();
    }
  }

  /** Appends `lines`, rotating first whenever the next line would pass `maxBytes`. */
  #place(lines: readonly string[]): void {
    const bytes = encoder.encode(lines.join(""));
    if (this.#size + bytes.length <= this.#maxBytes) {
      this.#write(bytes);
      return;
    }
    // The batch crosses the limit (rare): place it line by line.
    let batch: Uint8Array[] = [];
    let batchBytes = 0;
    for (const line of lines) {
      const chunk = encoder.encode(line);
      const filled = this.#size + batchBytes;
      if (filled > 0 && filled + chunk.length > this.#maxBytes) {
        this.#write(concat(batch, batchBytes));
        this.#rotate();
        batch = [];
        batchBytes = 0;
      }
      batch.push(chunk);
      batchBytes += chunk.length;
    }
    this.#write(concat(batch, batchBytes));
  }

  #write(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    writeAllSync(this.#file, bytes);
    this.#size += bytes.length;
  }

  #rotate(): void {
    this.#file.close();
    try {
      for (let i = this.#maxFiles - 1; i >= 1; i--) {
        try {
          Deno.renameSync(`${this.#path}.${i}`, `${this.#path}.${i + 1}`);
        } catch (error) {
          if (!(error instanceof Deno.errors.NotFound)) throw error;
        }
      }
      Deno.renameSync(this.#path, `${this.#path}.1`);
    } finally {
      this.#file = Deno.openSync(this.#path, { append: true, create: true });
      this.#size = this.#file.statSync().size;
    }
  }
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}
