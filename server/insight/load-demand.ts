import type { DbOrTx } from "../db/transaction";
import { Prisma } from "../db/generated/client";
import { sqlOutsideTransaction } from "../db/sql";
import { agentWishes, buildWishes, parseFloat64Hex, parseNumbers, wishSeconds } from "./demand";
import type { Wishes } from "./replay";
import { REFUSAL_FOLLOW_UP_MINUTES } from "./types";

/*
 * The demand of every agent who holds a license today, grouped as they share seats today: one
 * group per pool (its members) and one for the agents with named seats. People without a license
 * any more are left out: no mix would give them a seat.
 *
 * (date_part, a float, not extract, a numeric: several times faster over a million leases.)
 * One row per agent, each history as a list of seconds from the period's start (string_agg): a
 * year of two thousand agents comes back as two thousand strings, not millions of row objects.
 * The leases (two numbers each, two million a year) come as the floats' own 8 bytes in hex, not
 * as decimal text: the same numbers, without printing and parsing decimals on both sides.
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

type Person = { userId: string; name: string; kind: "NAMED" | "CONCURRENT"; poolId: string | null };
type Spans = { userId: string; spans: string };

/** Each person's leases (grant, wanted-until pairs, as hex float8s), for the given people only. */
function leaseSpans(db: DbOrTx, userIds: string[], from: Date, to: Date): Promise<Spans[]> {
  // Straight on `pg` when the client has its own pool: Prisma's pipeline costs more than the
  // query itself on megabytes of text.
  return sqlOutsideTransaction(db).rows<Spans>(Prisma.sql`
    select l."userId", encode(string_agg(
      float8send(date_part('epoch', l."grantedAt" - ${from}::timestamptz)) ||
      float8send(date_part('epoch', (case when l."endReason" = 'IDLE' then greatest(l."grantedAt", l."lastActivityAt") else coalesce(l."endedAt", now()) end) - ${from}::timestamptz)),
      ''::bytea order by l."grantedAt"), 'hex') as spans
    from "SeatLease" l
    where l."grantedAt" < ${to} and (l."endedAt" is null or l."endedAt" > ${from}) and l."userId" = any(${userIds}::text[])
    group by l."userId"`);
}

export async function loadDemand(db: DbOrTx, from: Date, to: Date): Promise<Demand> {
  const people = await db.$queryRaw<Person[]>`
    select a."userId", u.name, a.kind, a."poolId" from "SeatAssignment" a join "User" u on u.id = a."userId"
    left join "SeatPool" p on p.id = a."poolId"
    where u.active and (a.kind = 'NAMED' or p."deletedAt" is null)
    order by u.name, a."userId"`;
  const ids = people.map((p) => p.userId);
  // The leases (a million over a year) are the bulk of the work, in PostgreSQL: two halves of
  // the people at once use both cores. Same rows, keyed by person, so the result is unchanged.
  const half = Math.ceil(ids.length / 2);
  const [leasesA, leasesB, others, pools] = await Promise.all([
    leaseSpans(db, ids.slice(0, half), from, to),
    leaseSpans(db, ids.slice(half), from, to),
    db.$queryRaw<{ userId: string; refusals: string | null; queue: string | null }[]>`
      with refusals as (
        select e."userId", string_agg(date_part('epoch', e.at - ${from}::timestamptz)::text, ',' order by e.at) as times
        from "SeatEvent" e
        where e.type = 'REFUSED' and e.at >= ${from}::timestamptz - make_interval(mins => ${REFUSAL_FOLLOW_UP_MINUTES}) and e.at < ${to}
          and e."userId" = any(${ids}::text[])
        group by e."userId"
      ),
      queue as (
        select q."userId", string_agg(
          date_part('epoch', q."enqueuedAt" - ${from}::timestamptz)::text || ',' || date_part('epoch', coalesce(q."endedAt", now()) - ${from}::timestamptz)::text,
          ',' order by q."enqueuedAt") as spans
        from "SeatQueueEntry" q
        where q."enqueuedAt" < ${to} and (q."endedAt" is null or q."endedAt" > ${from}) and q."userId" = any(${ids}::text[])
        group by q."userId"
      )
      select "userId", r.times as refusals, q.spans as queue from refusals r full join queue q using ("userId")`,
    db.seatPool.findMany({ where: { deletedAt: null }, select: { id: true, name: true, size: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
  ]);
  const leasesOf = new Map<string, string>();
  for (const r of leasesA) leasesOf.set(r.userId, r.spans);
  for (const r of leasesB) leasesOf.set(r.userId, r.spans);
  const othersOf = new Map(others.map((r) => [r.userId, r]));
  const rows = people.map((p) => ({ ...p, leases: leasesOf.get(p.userId) ?? null, refusals: othersOf.get(p.userId)?.refusals ?? null, queue: othersOf.get(p.userId)?.queue ?? null }));

  const lengthSeconds = (to.getTime() - from.getTime()) / 1000;
  const byScope = new Map<string, DemandAgent[]>();
  for (const row of rows) {
    const scope = row.kind === "NAMED" ? "named" : row.poolId!;
    const wishes = agentWishes({ leases: parseFloat64Hex(row.leases), refusals: parseNumbers(row.refusals), queue: parseNumbers(row.queue) }, lengthSeconds);
    // Wishes come in order of start: a new day is one not seen just before.
    let wishDays = 0;
    let lastDay = NaN;
    for (let i = 0; i < wishes.length; i += 2) {
      const day = Math.floor(wishes[i]! / 86_400);
      if (day !== lastDay) wishDays++;
      lastDay = day;
    }
    const list = byScope.get(scope) ?? [];
    list.push({ userId: row.userId, name: row.name, wishes, demandSeconds: wishSeconds(wishes), wishDays });
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
