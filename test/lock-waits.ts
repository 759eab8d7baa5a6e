import type { Db } from "@/server/db/client";

/** How many backends of this database are waiting for a lock right now. */
async function lockWaiters(db: Db): Promise<number> {
  const [row] = await db.$queryRaw<[{ n: number }]>`
    select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
  return row.n;
}

/** Waits (by polling the database, not by sleeping) until `n` backends of this database wait for a lock. */
export async function untilWaitingForLocks(db: Db, n: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const waiting = await lockWaiters(db);
    if (waiting >= n) return;
    if (Date.now() > deadline) throw new Error(`expected ${n} backends waiting for a lock, saw ${waiting}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Polls how many backends of this database wait for a lock, until stopped; returns the peak. */
export function watchLockWaits(db: Db): { stop: () => Promise<number> } {
  let watching = true;
  let peak = 0;
  const done = (async () => {
    while (watching) peak = Math.max(peak, await lockWaiters(db));
  })();
  return { stop: async () => ((watching = false), await done, peak) };
}
