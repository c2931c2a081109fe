import { type Format, jsonLine, prettyLine } from "./_format.ts";
import { RANK } from "./_levels.ts";
import { LineBuffer } from "./_line_buffer.ts";
import type { Sink } from "./sink.ts";
import { writeAllSync } from "./_write.ts";

const encoder = new TextEncoder();

/** A sink and what to call when the app closes. */
export interface ClosableSink {
  readonly sink: Sink;
  close(): void;
}

/**
 * Writes records to standard error, which keeps standard output free for command output
 * (`deno task manage routes | …`).
 *
 * - `pretty` lines are written as they come, in order with anything else the process prints;
 *   only the level is coloured, when standard error is a terminal and `NO_COLOR` is unset.
 * - `json` lines are what production writes for every request, so they are batched like the
 *   file sink's (errors at once), saving a system call per request.
 */
export function consoleSink(format: Format, onError: (error: unknown) => void): ClosableSink {
  if (format === "pretty") {
    const colours = !Deno.noColor && Deno.stderr.isTerminal();
    return {
      sink: function prettyConsole(record) {
        writeAllSync(Deno.stderr, encoder.encode(prettyLine(record, colours)));
      },
      close() {},
    };
  }
  const buffer = new LineBuffer((lines) => {
    writeAllSync(Deno.stderr, encoder.encode(lines.join("")));
  }, onError);
  return {
    sink: function jsonConsole(record) {
      buffer.push(jsonLine(record), RANK[record.level] >= RANK.error);
    },
    close: () => buffer.close(),
  };
}
