import type { DbOrTx } from "../db/transaction";
import { agentWishes, buildWishes, parseNumbers, wishSeconds } from "./demand";
import type { Wishes } from "./replay";
import { REFUSAL_FOLLOW_UP_MINUTES } from "./types";

/*
 * The demand of every agent who holds a license today, grouped as they share seats today: one
 * group per pool (its members) and one for the agents with named seats. People without a license
 * any more are left out: no mix would give them a seat.
 *
 * (date_part, a float, not extract, a numeric: several times faster over a million leases.)
 * One query, one row per agent, each history as a comma-separated list of seconds from the
 * period's start (string_agg): a year of two thousand agents comes back as two thousand short
 * strings, not millions of row objects.
 */

export type DemandAgent = { userId: string; name: string; wishes: number[]; demandSeconds: number; wishDays: number };
export type DemandGroup = {
  /** A pool id, or "named". */
  scope: string;
  name: string;
  /** Concurrent seats today: the pool's size (0 for the named group). */
  seatsToday: number;
  namedToday: boolean;
  agents: DemandAgent[];
  wishes: Wishes;
};

export type Demand = { lengthSeconds: number; groups: DemandGroup[]; totalWishes: number };

type Row = { userId: string; name: string; kind: "NAMED" | "CONCURRENT"; poolId: string | null; leases: string | null; refusals: string | null; queue: string | null };

export async function loadDemand(db: DbOrTx, from: Date, to: Date): Promise<Demand> {
  const rows = await db.$queryRaw<Row[]>`
    with people as (
      select a."userId", a.kind, a."poolId", u.name from "SeatAssignment" a join "User" u on u.id = a."userId"
      left join "SeatPool" p on p.id = a."poolId"
      where u.active and (a.kind = 'NAMED' or p."deletedAt" is null)
    ),
    leases as (
      select l."userId", string_agg(
        date_part('epoch', l."grantedAt" - ${from}::timestamptz)::text || ',' ||
        date_part('epoch', (case when l."endReason" = 'IDLE' then greatest(l."grantedAt", l."lastActivityAt") else coalesce(l."endedAt", now()) end) - ${from}::timestamptz)::text,
        ',' order by l."grantedAt") as spans
      from "SeatLease" l
      where l."grantedAt" < ${to} and (l."endedAt" is null or l."endedAt" > ${from}) and l."userId" in (select "userId" from people)
      group by l."userId"
    ),
    refusals as (
      select e."userId", string_agg(date_part('epoch', e.at - ${from}::timestamptz)::text, ',' order by e.at) as times
      from "SeatEvent" e
      where e.type = 'REFUSED' and e.at >= ${from}::timestamptz - make_interval(mins => ${REFUSAL_FOLLOW_UP_MINUTES}) and e.at < ${to}
        and e."userId" in (select "userId" from people)
      group by e."userId"
    ),
    queue as (
      select q."userId", string_agg(
        date_part('epoch', q."enqueuedAt" - ${from}::timestamptz)::text || ',' || date_part('epoch', coalesce(q."endedAt", now()) - ${from}::timestamptz)::text,
        ',' order by q."enqueuedAt") as spans
      from "SeatQueueEntry" q
      where q."enqueuedAt" < ${to} and (q."endedAt" is null or q."endedAt" > ${from}) and q."userId" in (select "userId" from people)
      group by q."userId"
    )
    select p."userId", p.name, p.kind, p."poolId", l.spans as leases, r.times as refusals, q.spans as queue
    from people p left join leases l using ("userId") left join refusals r using ("userId") left join queue q using ("userId")
    order by p.name, p."userId"`;
  const pools = await db.seatPool.findMany({ where: { deletedAt: null }, select: { id: true, name: true, size: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });

  const lengthSeconds = (to.getTime() - from.getTime()) / 1000;
  const byScope = new Map<string, DemandAgent[]>();
  for (const row of rows) {
    const scope = row.kind === "NAMED" ? "named" : row.poolId!;
    const wishes = agentWishes({ leases: parseNumbers(row.leases), refusals: parseNumbers(row.refusals), queue: parseNumbers(row.queue) }, lengthSeconds);
    const days = new Set<number>();
    for (let i = 0; i < wishes.length; i += 2) days.add(Math.floor(wishes[i]! / 86_400));
    const list = byScope.get(scope) ?? [];
    list.push({ userId: row.userId, name: row.name, wishes, demandSeconds: wishSeconds(wishes), wishDays: days.size });
    byScope.set(scope, list);
  }

  const groups: DemandGroup[] = [];
  const named = byScope.get("named");
  if (named) groups.push({ scope: "named", name: "Named seats today", seatsToday: 0, namedToday: true, agents: named, wishes: buildWishes(named.map((a) => a.wishes)) });
  for (const pool of pools) {
    const agents = byScope.get(pool.id) ?? [];
    groups.push({ scope: pool.id, name: pool.name, seatsToday: pool.size, namedToday: false, agents, wishes: buildWishes(agents.map((a) => a.wishes)) });
  }
  return { lengthSeconds, groups, totalWishes: groups.reduce((n, g) => n + g.wishes.starts.length, 0) };
}
