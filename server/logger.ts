import "server-only";

/**
 * A small structured logger: one JSON line per event on stdout, with the request id when there
 * is one. Quiet by default in tests (LOG_LEVEL).
 */
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof LEVELS, "silent">;

let minimumLevel: number | undefined;
/** The lowest level written. Read once: the level is set before the process starts, and reading process.env is slow. */
function threshold(): number {
  if (minimumLevel === undefined) {
    const configured = (process.env.LOG_LEVEL ??
      (process.env.NODE_ENV === "test" ? "warn" : "info")) as keyof typeof LEVELS;
    minimumLevel = LEVELS[configured] ?? LEVELS.info;
  }
  return minimumLevel;
}

function write(level: Level, message: string, fields: Record<string, unknown>) {
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }, (_k, v) =>
    typeof v === "bigint" ? v.toString() : v,
  );
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
}

export type Logger = { [L in Level]: (message: string, fields?: Record<string, unknown>) => void } & {
  child: (fields: Record<string, unknown>) => Logger;
};

function make(base: Record<string, unknown>): Logger {
  // The fields are merged only for a line that is written (a request logs its debug lines unseen).
  const at = (level: Level) => (message: string, fields?: Record<string, unknown>) => {
    if (LEVELS[level] >= threshold()) write(level, message, { ...base, ...fields });
  };
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child: (fields) => make({ ...base, ...fields }),
  };
}

export const logger = make({});
