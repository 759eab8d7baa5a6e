import "server-only";
import { Prisma } from "../db/generated/client";
import { refusalsCte, scopeCondition } from "./refusals";
import { LEASE_USED_UNTIL_SQL } from "./rollup";

/*
 * Each person's use of seats per local day of a window [from, to), in one SQL statement: what the
 * agents table of a usage report sums. The same statement fills the rollup (agent-rollup.ts) and
 * computes the live edges of a report, so the two can never count differently.
 *
 * Per person, local day (and scope, if asked):
 * - leases: seats granted within the day (a lease is counted once, where it started);
 * - held: seconds a seat was held within the day (a live lease: up to now);
 * - active: seconds held up to the last activity when the idle timeout ended the lease (the
 *   timeout tail is held, not used);
 * - refusals and waited: refusals within the day and what they waited (refusals.ts decides).
 * A lease over midnight is cut at local midnight (so a night shift is active on both days).
 */

export type AgentDayOptions = {
  from: Date;
  to: Date;
  timeZone: string;
  /** "all", "named" or a pool id: the scope filter. */
  scope: string;
  /** Also group by scope ("named" or the pool id), for the rollup. */
  byScope: boolean;
  /**
   * No lease touching the window was granted before this (known from the longest lease rolled
   * up): lets PostgreSQL read a window of the past by grant time instead of every lease ended since.
   */
  grantedAfter?: Date;
};

/** A SELECT of ("userId", [scope,] day, leases, held, active, refusals, waited), one row per person and day. */
export function agentDaysSql({ from, to, timeZone, scope, byScope, grantedAfter }: AgentDayOptions): Prisma.Sql {
  const scopeColumn = byScope ? Prisma.sql`scope,` : Prisma.empty;
  const grantBound = grantedAfter ? Prisma.sql`and l."grantedAt" >= ${grantedAfter}` : Prisma.empty;
  return Prisma.sql`
    with ${refusalsCte(from, to, scope)},
    l as (
      select l."userId", coalesce(l."poolId", 'named') as scope, l."grantedAt" as g, coalesce(l."endedAt", now()) as e,
        ${LEASE_USED_UNTIL_SQL} as u
      from "SeatLease" l
      where l."grantedAt" < ${to} ${grantBound} and (l."endedAt" is null or l."endedAt" > ${from})
        ${scopeCondition(Prisma.sql`l."poolId"`, scope)}
    ),
    -- One piece per lease and local day it touches, clipped to the window: [ps, pe).
    pieces as (
      select l."userId", l.scope, d.day::date as day, l.g, l.e, l.u,
        greatest(${from}::timestamptz, d.day at time zone ${timeZone}) as ps,
        least(${to}::timestamptz, (d.day + interval '1 day') at time zone ${timeZone}) as pe
      from l, lateral generate_series(
        date_trunc('day', greatest(l.g, ${from}::timestamptz) at time zone ${timeZone}),
        date_trunc('day', greatest(l.g, ${from}::timestamptz, least(l.e, ${to}::timestamptz) - interval
          '1 microsecond') at time zone ${timeZone}),
        interval '1 day') d(day)
    ),
    days as (
      select "userId", scope, day, count(*) filter (where g >= ps)::int as leases,
        sum(greatest(0, date_part('epoch', least(e, pe) - greatest(g, ps))))::float8 as held,
        sum(greatest(0, date_part('epoch', least(u, pe) - greatest(g, ps))))::float8 as active,
        0 as refusals, 0::float8 as waited
      from pieces group by 1, 2, 3
      union all
      select "userId", coalesce("poolId", 'named'), (at at time zone ${timeZone})::date, 0, 0, 0, count(*)::int,
        sum("waitedSeconds")::float8
      from refused where "userId" is not null group by 1, 2, 3
    )
    select "userId", ${scopeColumn} day, sum(leases)::int as leases, sum(held)::float8 as held,
      sum(active)::float8 as active,
      sum(refusals)::int as refusals, sum(waited)::float8 as waited
    from days group by "userId", ${scopeColumn} day`;
}
