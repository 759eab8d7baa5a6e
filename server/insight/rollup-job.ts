import "server-only";
import type { Db } from "../db/client";
import { startPeriodicJob } from "../jobs/periodic";
import { refreshSeatUsageRollup } from "./rollup";
import { readDeskTimeZone, refreshAgentDayRollup } from "./agent-rollup";

/** How often each app instance brings the license insight rollups up to date. */
export const INSIGHT_ROLLUP_EVERY_SECONDS = 600;

/** Rolls up what became final for the hourly rollup and the per-person one (the desk's time zone). */
export async function refreshInsightRollups(db: Db): Promise<void> {
  await refreshSeatUsageRollup(db);
  await refreshAgentDayRollup(db, await readDeskTimeZone(db));
}

/**
 * Keeps the license insight rollups up to date in the background, so a report rarely has more
 * than minutes of history to roll up itself (the first rollup of a long history takes a few
 * seconds per month of it: after an upgrade, the first tick does it, not the first report).
 * Instances and reports take turns on each step (see the rollups' locks).
 */
export function startInsightRollupJob(db: Db, everySeconds = INSIGHT_ROLLUP_EVERY_SECONDS): () => void {
  return startPeriodicJob("license insight rollup", everySeconds, () => refreshInsightRollups(db));
}
