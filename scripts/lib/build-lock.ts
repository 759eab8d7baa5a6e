import fs from "node:fs";
import path from "node:path";

/** Serialises builds of one checkout (npm start, the e2e runner, the benchmarks) with a lock folder. */
export async function withBuildLock<T>(root: string, fn: () => T | Promise<T>): Promise<T> {
  const lock = path.join(
    root,
    ".data",
    `build-${(process.env.SEATDESK_DIST_DIR || ".next").replace(/[^\w.-]/g, "_")}.lock`,
  );
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // A lock older than 15 minutes belongs to a build that died.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 15 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error("Timed out waiting for another build to finish (.data/build.lock).");
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
