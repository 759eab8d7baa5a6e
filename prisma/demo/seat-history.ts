import type { Db } from "../../server/db/client";
import { inTransaction } from "../../server/db/transaction";
import { writePastHistory } from "../../server/insight/history-writer";
import { refreshSeatUsageRollup } from "../../server/insight/rollup";
import { planDemoSeatHistory } from "./seat-history-plan";

export const DEMO_HISTORY_DAYS = 90;

/**
 * The demo organisation's 90 days of seat history consistent with the brief (issue 5): every
 * agent with a named seat works the desk all day; every pool's members use its seats now and
 * then, with a few busy hours that produced refusals. Runs after the people, groups and seats
 * exist; all of it before today's midnight (UTC, by the database clock), so no seat is in use
 * when the app starts. Bulk inserted, then rolled up, so the first report is quick.
 */
export async function seedDemoSeatHistory(db: Db, log: (line: string) => void = () => {}): Promise<void> {
  const started = Date.now();
  const [{ today }] = await db.$queryRaw<
    [{ today: Date }]
  >`select date_trunc('day', now() at time zone 'UTC') at time zone 'UTC' as today`;
  const named = await db.user.findMany({
    where: { seatAssignment: { kind: "NAMED" } },
    select: { id: true, name: true },
    orderBy: { email: "asc" },
  });
  const pools = await db.seatPool.findMany({
    where: { deletedAt: null },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      size: true,
      idleTimeoutSeconds: true,
      members: { select: { user: { select: { id: true, name: true, email: true } } } },
    },
  });
  const plan = planDemoSeatHistory({
    todayStart: today.getTime(),
    days: DEMO_HISTORY_DAYS,
    named,
    pools: pools.map((p) => ({
      ...p,
      members: p.members.map((m) => m.user).sort((a, b) => a.email.localeCompare(b.email)),
    })),
  });
  await inTransaction(
    db,
    async (tx) => {
      await writePastHistory(tx, plan);
    },
    { kind: "demoData" },
  );
  await refreshSeatUsageRollup(db);
  log(
    `Seat history: ${DEMO_HISTORY_DAYS} days, ${plan.leases.length.toLocaleString("en-US")} ` +
      `leases, ${plan.refusals.length} refusals, ` +
      `${plan.queue.length} waits in line, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
}
