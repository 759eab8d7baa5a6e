import "server-only";

/**
 * A small structured logger: one JSON line per event on stdout, with the request id when there
 * is one. Quiet by default in tests (LOG_LEVEL).
 */
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof LEVELS, "silent">;

function threshold(): number {
  const configured = (process.env.LOG_LEVEL ??
    (process.env.NODE_ENV === "test" ? "warn" : "info")) as keyof typeof LEVELS;
  return LEVELS[configured] ?? LEVELS.info;
}

function write(level: Level, message: string, fields: Record<string, unknown> = {}) {
  if (LEVELS[level] < threshold()) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }, (_k, v) =>
    typeof v === "bigint" ? v.toString() : v,
  );
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
}

export type Logger = { [L in Level]: (message: string, fields?: Record<string, unknown>) => void } & {
  child: (fields: Record<string, unknown>) => Logger;
};

function make(base: Record<string, unknown>): Logger {
  return {
    debug: (m, f) => write("debug", m, { ...base, ...f }),
    info: (m, f) => write("info", m, { ...base, ...f }),
    warn: (m, f) => write("warn", m, { ...base, ...f }),
    error: (m, f) => write("error", m, { ...base, ...f }),
    child: (fields) => make({ ...base, ...fields }),
  };
}

export const logger = make({});
