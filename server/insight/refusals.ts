import "server-only";
import type { DbOrTx } from "../db/transaction";
import { Prisma } from "../db/generated/client";
import { REFUSAL_FOLLOW_UP_MINUTES, REFUSAL_ITEMS_LIMIT, type RefusalItem, type RefusalOutcome } from "./types";

/*
 * Refusals of a period and what came of each: the stay in line that followed it (joined up to
 * five minutes later, or already open), else the person's next grant within
 * REFUSAL_FOLLOW_UP_MINUTES (they tried again), else they gave up at once.
 */

export function scopeCondition(column: Prisma.Sql, scope: string): Prisma.Sql {
  if (scope === "all") return Prisma.empty;
  if (scope === "named") return Prisma.sql`and ${column} is null`;
  return Prisma.sql`and ${column} = ${scope}`;
}

/** A `refused` CTE: each refusal of the period (scope) with its outcome and wait. */
export const refusalsCte = (from: Date, to: Date, scope: string) => Prisma.sql`
  refused as (
    select e.id, e.at, e."userId", coalesce(e."userName", u.name, 'Someone') as name, e."poolId", e."poolName",
      case
        when q."enqueuedAt" is not null and q."endedAt" is null then 'WAITING'
        when q.outcome = 'GRANTED' or (q."enqueuedAt" is null and g."grantedAt" is not null) then 'GRANTED_LATER'
        else 'GAVE_UP' end as outcome,
      greatest(0, extract(epoch from case
        when q."enqueuedAt" is not null then coalesce(q."endedAt", now()) - e.at
        when g."grantedAt" is not null then g."grantedAt" - e.at
        else interval '0' end))::float8 as "waitedSeconds"
    from "SeatEvent" e
    left join "User" u on u.id = e."userId"
    left join lateral (
      select x."enqueuedAt", x."endedAt", x.outcome from "SeatQueueEntry" x
      where x."userId" = e."userId" and x."enqueuedAt" between e.at - interval '1 day' and e.at + interval '5 minutes'
        and (x."endedAt" is null or x."endedAt" >= e.at)
      order by x."enqueuedAt" desc limit 1) q on true
    left join lateral (
      select s."grantedAt" from "SeatLease" s
      where s."userId" = e."userId" and s."grantedAt" >= e.at and s."grantedAt" <= e.at + make_interval(mins =>
        ${REFUSAL_FOLLOW_UP_MINUTES})
      order by s."grantedAt" limit 1) g on true
    where e.type = 'REFUSED' and e.at >= ${from} and e.at < ${to} ${scopeCondition(Prisma.sql`e."poolId"`, scope)}
  )`;

type ItemRow = Omit<RefusalItem, "outcome"> & { outcome: RefusalOutcome };

/**
 * The newest refusals of the period (at most REFUSAL_ITEMS_LIMIT) with what came of each. Only
 * those are followed up (the per-person totals come from agent-days.ts).
 */
export async function loadRefusalItems(
  db: DbOrTx,
  from: Date,
  to: Date,
  scope: string,
): Promise<{ items: RefusalItem[]; truncated: boolean }> {
  const rows = await db.$queryRaw<ItemRow[]>`
    with ${refusalsCte(from, to, scope)}
    select at, "userId", name, "poolId", "poolName", "waitedSeconds", outcome from refused order by at desc, id
      desc limit ${REFUSAL_ITEMS_LIMIT + 1}`;
  return {
    items: rows.slice(0, REFUSAL_ITEMS_LIMIT).map((r) => ({ ...r, waitedSeconds: Math.round(r.waitedSeconds) })),
    truncated: rows.length > REFUSAL_ITEMS_LIMIT,
  };
}
