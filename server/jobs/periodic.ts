import "server-only";
import { logger } from "../logger";

/**
 * Runs `work` every `everySeconds` in this app instance, never two runs at once (a slow run makes
 * the next tick skip), logging a failure instead of letting it end the process. The timer does not
 * keep the process alive. Returns a stop function.
 */
export function startPeriodicJob(name: string, everySeconds: number, work: () => Promise<void>): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await work();
    } catch (error) {
      logger.warn(`${name} failed`, { error: error instanceof Error ? error.message : String(error) });
    } finally {
      running = false;
    }
  }, everySeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
