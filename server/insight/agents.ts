import type { DbOrTx } from "../db/transaction";
import { Prisma } from "../db/generated/client";
import { scopeCondition } from "./refusals";
import type { AgentUsage } from "./types";

/*
 * Each agent's use of seats in a period: leases clipped to the period; active hours run from a
 * grant to the holder's last activity when the idle timeout ended the lease (the timeout tail is
 * held, not used), to the end otherwise (live leases: up to now).
 */

type Row = { userId: string; name: string; email: string | null; kind: "NAMED" | "CONCURRENT" | null; poolId: string | null; poolName: string | null; leases: number; held: number; active: number; days: number };

/** Each person who held a seat in the period (scope), without their refusals (see withRefusalsOf). */
export async function loadAgentUsage(db: DbOrTx, from: Date, to: Date, scope: string, timeZone: string): Promise<AgentUsage[]> {
  const rows = await db.$queryRaw<Row[]>`
    with l as (
      select l."userId", greatest(l."grantedAt", ${from}) as s,
        least(coalesce(l."endedAt", now()), ${to}) as e,
        least(case when l."endReason" = 'IDLE' then greatest(l."grantedAt", l."lastActivityAt") else coalesce(l."endedAt", now()) end, ${to}) as a
      from "SeatLease" l
      where l."grantedAt" < ${to} and (l."endedAt" is null or l."endedAt" > ${from}) ${scopeCondition(Prisma.sql`l."poolId"`, scope)}
    ),
    -- Per person and day first (a hash aggregate), then per person: cheaper than count(distinct).
    per_day as (
      select "userId", (s at time zone ${timeZone})::date as day, count(*)::int as leases, sum(date_part('epoch', e - s)) as held,
        sum(greatest(0, date_part('epoch', a - s))) as active
      from l where e >= s group by 1, 2
    ),
    agg as (select "userId", sum(leases)::int as leases, sum(held)::float8 as held, sum(active)::float8 as active, count(*)::int as days from per_day group by 1)
    select g."userId", u.name, u.email, a.kind, a."poolId", sp.name as "poolName", g.leases, g.held, g.active, g.days
    from agg g join "User" u on u.id = g."userId"
    left join "SeatAssignment" a on a."userId" = g."userId"
    left join "SeatPool" sp on sp.id = a."poolId"`;
  const hours = (s: number) => Math.round((s / 3600) * 100) / 100;
  return rows.map((r) => ({
    userId: r.userId, name: r.name, email: r.email,
    license: r.kind ? { kind: r.kind, poolId: r.poolId, poolName: r.poolName } : null,
    activeHours: hours(r.active), heldHours: hours(r.held), daysActive: r.days, leases: r.leases, refusals: 0, waitedSeconds: 0,
  }));
}

type Refused = { userId: string; refusals: number; waitedSeconds: number };
type PersonRow = { userId: string; name: string; email: string; kind: "NAMED" | "CONCURRENT" | null; poolId: string | null; poolName: string | null };

/** Adds each person's refusals, and the people who were only refused (never held a seat); most active first. */
export async function withRefusalsOf(db: DbOrTx, agents: AgentUsage[], refusals: Map<string, Refused>): Promise<AgentUsage[]> {
  const known = new Set(agents.map((a) => a.userId));
  const missing = [...refusals.keys()].filter((id) => !known.has(id));
  const extra = missing.length
    ? await db.$queryRaw<PersonRow[]>`
        select u.id as "userId", u.name, u.email, a.kind, a."poolId", sp.name as "poolName" from "User" u
        left join "SeatAssignment" a on a."userId" = u.id left join "SeatPool" sp on sp.id = a."poolId" where u.id = any(${missing}::text[])`
    : [];
  const everyone: AgentUsage[] = [
    ...agents,
    ...extra.map((r) => ({
      userId: r.userId, name: r.name, email: r.email, license: r.kind ? { kind: r.kind, poolId: r.poolId, poolName: r.poolName } : null,
      activeHours: 0, heldHours: 0, daysActive: 0, leases: 0, refusals: 0, waitedSeconds: 0,
    })),
  ];
  return everyone
    .map((a) => ({ ...a, refusals: refusals.get(a.userId)?.refusals ?? 0, waitedSeconds: Math.round(refusals.get(a.userId)?.waitedSeconds ?? 0) }))
    .sort((a, b) => b.activeHours - a.activeHours || b.refusals - a.refusals || a.name.localeCompare(b.name));
}
