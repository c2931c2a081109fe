/** A satisfiable byte range, both ends inclusive. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

/**
 * Reads a `Range` header against a representation of `size` bytes. Only a single byte range is
 * honoured: `bytes=a-b`, `bytes=a-` and `bytes=-n`.
 *
 * @returns The range to send; `"unsatisfiable"` for a well-formed range outside the file (416);
 * `undefined` when the header should be ignored (other units, several ranges, bad syntax), which
 * RFC 9110 allows by answering with the full body.
 */
export function parseRange(header: string, size: number): ByteRange | "unsatisfiable" | undefined {
  const match = SINGLE_RANGE.exec(header.trim());
  if (match === null) return undefined;
  const [, first, last] = match;
  if (first === "") {
    if (last === "") return undefined;
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Number(last);
  if (end < start) return undefined;
  if (start >= size) return "unsatisfiable";
  return { start, end: Math.min(end, size - 1) };
}

/**
 * The first `length` bytes of `file` from its current position, streamed from `file.readable`.
 * The file is closed when the bytes are sent, the stream ends early, or the client cancels.
 */
export function limitedStream(file: Deno.FsFile, length: number): ReadableStream<Uint8Array> {
  let left = length;
  return file.readable.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        controller.enqueue(chunk.byteLength <= left ? chunk : chunk.subarray(0, left));
        left -= Math.min(left, chunk.byteLength);
        // Ending the readable side cancels file.readable, which closes the file.
        if (left === 0) controller.terminate();
      },
    }),
  );
}
