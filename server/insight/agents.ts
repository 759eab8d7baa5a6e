import "server-only";
import type { DbOrTx } from "../db/transaction";
import { Prisma } from "../db/generated/client";
import { agentDaysSql } from "./agent-days";
import { monthOf, nextMonth, type AgentRollupState } from "./agent-rollup";
import type { AgentUsage } from "./types";

/*
 * Each person's use of seats in a period (scope), for the agents table of a usage report: the
 * sums of agent-days.ts over the period. Whole local days that are rolled up (agent-rollup.ts)
 * are read from SeatUsageAgentDay (whole months from SeatUsageAgentMonth); the part before the first local midnight and
 * the part from
 * the end of the rollup are computed live from the leases. The windows do not overlap and every
 * figure is a sum over days, so the parts add up to what one live pass would count.
 */

type Row = {
  userId: string;
  name: string;
  email: string | null;
  kind: "NAMED" | "CONCURRENT" | null;
  poolId: string | null;
  poolName: string | null;
  leases: number;
  held: number;
  active: number;
  days: number;
  refusals: number;
  waited: number;
};

/** Per-person sums of one live window. */
function liveWindow(from: Date, to: Date, timeZone: string, scope: string, grantedAfter?: Date): Prisma.Sql {
  return Prisma.sql`
    select "userId", sum(leases)::int as leases, sum(held)::float8 as held, sum(active)::float8 as active,
      (count(*) filter (where held > 0))::int as days, sum(refusals)::int as refusals, sum(waited)::float8 as waited
    from (${agentDaysSql({ from, to, timeZone, scope, byScope: false, grantedAfter })}) d group by "userId"`;
}

/** Per-person sums of the rolled-up days in [firstDay, endDay): whole months from the month rows, the rest from the day
 * rows. */
function rolledUpWindow(firstDay: string, endDay: string, timeZone: string, scope: string): Prisma.Sql {
  const key = scope === "all" ? "*" : scope;
  const days = (from: string, to: string) => Prisma.sql`
    select "userId", leases, "heldSeconds" as held, "activeSeconds" as active, (case when "heldSeconds" > 0 then
      1 else 0 end) as days,
      refusals, "waitedSeconds" as waited
    from "SeatUsageAgentDay" where "timeZone" = ${timeZone} and scope = ${key} and day >= ${from}::date and day <
      ${to}::date`;
  const firstMonth = firstDay === monthOf(firstDay) ? firstDay : nextMonth(monthOf(firstDay));
  const endMonth = monthOf(endDay);
  const rows =
    firstMonth < endMonth
      ? Prisma.sql`${days(firstDay, firstMonth)} union all ${days(endMonth, endDay)} union all
          select "userId", leases, "heldSeconds", "activeSeconds", days, refusals, "waitedSeconds"
          from "SeatUsageAgentMonth" where "timeZone" = ${timeZone} and scope = ${key} and month >=
            ${firstMonth}::date and month < ${endMonth}::date`
      : days(firstDay, endDay);
  return Prisma.sql`
    select "userId", sum(leases)::int as leases, sum(held)::float8 as held, sum(active)::float8 as active,
      sum(days)::int as days,
      sum(refusals)::int as refusals, sum(waited)::float8 as waited
    from (${rows}) r group by "userId"`;
}

type Windows = { head: [Date, Date]; days: [string, string]; tail: [Date, Date] } | null;

/**
 * Splits [from, to) at local midnights: the whole days from the first midnight up to the end of
 * the rollup (and of the period), and the live parts around them; null when no whole rolled-up
 * day lies within.
 */
async function splitPeriod(db: DbOrTx, from: Date, to: Date, timeZone: string, rolledUpTo: string): Promise<Windows> {
  const [w] = await db.$queryRaw<[{ firstDay: string; endDay: string; head: Date; tail: Date }]>`
    with d as (
      select (case when date_trunc('day', ${from}::timestamptz at time zone ${timeZone}) = ${from}::timestamptz
        at time zone ${timeZone}
          then (${from}::timestamptz at time zone ${timeZone})::date else (${from}::timestamptz at time zone
            ${timeZone})::date + 1 end) as first_day,
        least((${to}::timestamptz at time zone ${timeZone})::date, ${rolledUpTo}::date) as end_day
    )
    select first_day::text as "firstDay", end_day::text as "endDay",
      first_day::timestamp at time zone ${timeZone} as head, end_day::timestamp at time zone ${timeZone} as tail
        from d`;
  if (w.firstDay >= w.endDay) return null;
  return { head: [from, w.head], days: [w.firstDay, w.endDay], tail: [w.tail, to] };
}

/**
 * Each person who held a seat or was refused one in the period (scope), most active first.
 * `rollup` is how far SeatUsageAgentDay of `timeZone` is (null: compute all live).
 */
export async function loadAgentUsage(
  db: DbOrTx,
  from: Date,
  to: Date,
  scope: string,
  timeZone: string,
  rollup: AgentRollupState | null,
): Promise<AgentUsage[]> {
  const windows = rollup ? await splitPeriod(db, from, to, timeZone, rollup.rolledUpTo) : null;
  // The head lies before the end of the rollup: every lease touching it has ended and is no longer than the longest
  // rolled up.
  const headGrantedAfter = windows
    ? new Date(windows.head[0].getTime() - rollup!.longestLeaseSeconds * 1000 - 1000)
    : undefined;
  const parts = windows
    ? Prisma.join(
        [
          windows.head[0] < windows.head[1]
            ? liveWindow(windows.head[0], windows.head[1], timeZone, scope, headGrantedAfter)
            : null,
          rolledUpWindow(windows.days[0], windows.days[1], timeZone, scope),
          windows.tail[0] < windows.tail[1] ? liveWindow(windows.tail[0], windows.tail[1], timeZone, scope) : null,
        ].filter((part) => part !== null),
        " union all ",
      )
    : liveWindow(from, to, timeZone, scope);
  const rows = await db.$queryRaw<Row[]>`
    with parts as (${parts}),
    totals as (
      select "userId", sum(leases)::int as leases, sum(held)::float8 as held, sum(active)::float8 as active,
        sum(days)::int as days,
        sum(refusals)::int as refusals, sum(waited)::float8 as waited
      from parts group by "userId"
    )
    select t.*, u.name, u.email, a.kind, a."poolId", sp.name as "poolName"
    from totals t join "User" u on u.id = t."userId"
    left join "SeatAssignment" a on a."userId" = t."userId"
    left join "SeatPool" sp on sp.id = a."poolId"
    where t.held > 0 or t.leases > 0 or t.refusals > 0`;
  const hours = (s: number) => Math.round((s / 3600) * 100) / 100;
  return rows
    .map((r) => ({
      userId: r.userId,
      name: r.name,
      email: r.email,
      license: r.kind ? { kind: r.kind, poolId: r.poolId, poolName: r.poolName } : null,
      activeHours: hours(r.active),
      heldHours: hours(r.held),
      daysActive: r.days,
      leases: r.leases,
      refusals: r.refusals,
      waitedSeconds: Math.round(r.waited),
    }))
    .sort((a, b) => b.activeHours - a.activeHours || b.refusals - a.refusals || a.name.localeCompare(b.name));
}
