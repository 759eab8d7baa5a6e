import "server-only";
import type { Db } from "../db/client";
import { inTransaction } from "../db/transaction";
import { lockPool } from "./locks";
import { sweepNamedLeases, sweepPool } from "./sweep";
import { seatTiming } from "./timing";
import { startPeriodicJob } from "../jobs/periodic";

/**
 * Sweeps every pool and the named leases: idle and closed leases end (dated when they
 * elapsed), reservations pass on. Each app instance runs it on a timer; pools locked by another
 * instance at that moment are skipped, so instances never duplicate work.
 */
export async function sweepAll(db: Db): Promise<void> {
  const timing = seatTiming();
  const pools = await db.seatPool.findMany({ where: { deletedAt: null }, select: { id: true } });
  for (const { id } of pools) {
    await inTransaction(db, async (tx) => {
      const pool = await lockPool(tx, id, { skipLocked: true });
      if (pool) await sweepPool(tx, pool, timing, null);
    });
  }
  await inTransaction(db, (tx) => sweepNamedLeases(tx, timing, null));
}

/** Runs sweepAll on a timer in this instance (the one pass itself is sweep.ts, per pool). */
export function startSeatSweepJob(db: Db, everySeconds: number): () => void {
  return startPeriodicJob("seat sweep", everySeconds, () => sweepAll(db));
}
