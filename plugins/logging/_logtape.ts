// The one file that imports LogTape: the rest of the plugin goes through these names, so the
// engine can be swapped or upgraded in one place.
export {
  type Config as LogTapeConfig,
  configureSync,
  getConfig,
  getLogger,
  jsonLinesFormatter,
  type Logger as LogTapeLogger,
  type LogRecord as LogTapeRecord,
  resetSync,
  sanitizeControlSequences,
} from "@logtape/logtape";
