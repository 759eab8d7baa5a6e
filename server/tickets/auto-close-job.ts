import "server-only";
import type { Db } from "../db/client";
import { logger } from "../logger";
import { autoCloseResolved } from "./auto-close";
import { startPeriodicJob } from "../jobs/periodic";

/** How often each app instance looks for resolved tickets to close (they close by the day). */
export const AUTO_CLOSE_EVERY_SECONDS = 300;

/**
 * Runs the auto-close on a timer in each app instance, like the seat sweeper. Instances never
 * close the same ticket twice: rows being closed by one are locked and skipped by the others.
 */
export function startAutoCloseJob(db: Db, everySeconds = AUTO_CLOSE_EVERY_SECONDS): () => void {
  return startPeriodicJob("ticket auto-close", everySeconds, async () => {
    const closed = await autoCloseResolved(db);
    if (closed) logger.info("resolved tickets closed automatically", { closed });
  });
}
