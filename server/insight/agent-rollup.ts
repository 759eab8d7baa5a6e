import "server-only";
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { inTransaction, type Tx } from "../db/transaction";
import { agentDaysSql } from "./agent-days";
import { REFUSAL_FOLLOW_UP_MINUTES } from "./types";

/*
 * The per-person rollup (SeatUsageAgentDay, and per month SeatUsageAgentMonth) of one time zone, the desk's, kept up to
 * date on
 * demand like the hourly one (rollup.ts): each report first rolls up the local days that became
 * final, a month at a time, one REPEATABLE READ transaction per step holding the progress row.
 *
 * A day is final once nothing can change what agent-days.ts computes for it: every lease that
 * touches it has ended (the day ends before the earliest open lease's grant), and what its
 * refusals came to is known: no one who joined the line by then is still in it, and the hour in
 * which a refused person may try again has passed. History written later for rolled-up days (a
 * demo or a test inserting the past) is noticed by the ids seen, and those days are rolled up
 * again.
 */

const CHUNK_DAYS = 31;
const DAY_MS = 86_400_000;

type Progress = { rolledUpTo: string | null; leaseIdSeen: bigint; eventIdSeen: bigint; longestLeaseSeconds: number };

/** How far the rollup of a time zone is: local days before `rolledUpTo` ("YYYY-MM-DD") are in it. */
export type AgentRollupState = { rolledUpTo: string; longestLeaseSeconds: number };
type Facts = { final: string; maxLease: bigint; maxEvent: bigint; backfill: string | null; first: string | null };

/** The desk's time zone (TicketSettings): reports count days in it, and the rollup is kept in it. */
export async function readDeskTimeZone(db: Db): Promise<string> {
  const settings = await db.ticketSettings.findUnique({ where: { id: 1 }, select: { timeZone: true } });
  return settings?.timeZone ?? "UTC";
}

/** "2026-03-01" + n days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The first day of the month of `day`. */
export const monthOf = (day: string): string => `${day.slice(0, 8)}01`;

/** The first day of the month after the one starting on `month`. */
export function nextMonth(month: string): string {
  const d = new Date(`${month}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

/** Rolls up [firstDay, endDay); returns the longest lease granted in it (all of them have ended). */
async function rollUpDays(tx: Tx, timeZone: string, firstDay: string, endDay: string): Promise<number> {
  const [window] = await tx.$queryRaw<[{ from: Date; to: Date }]>`
    select ${firstDay}::date::timestamp at time zone ${timeZone} as "from", ${endDay}::date::timestamp at time
      zone ${timeZone} as "to"`;
  await tx.$executeRaw`delete from "SeatUsageAgentDay" where "timeZone" = ${timeZone} and day >=
    ${firstDay}::date and day < ${endDay}::date`;
  const perScope = agentDaysSql({ from: window.from, to: window.to, timeZone, scope: "all", byScope: true });
  // Each person's day per scope, and over every scope ("*"): one day counts once however many pools.
  await tx.$executeRaw`
    insert into "SeatUsageAgentDay" ("timeZone", scope, day, "userId", leases, "heldSeconds", "activeSeconds",
      refusals, "waitedSeconds")
    select ${timeZone}, coalesce(scope, '*'), day, "userId", sum(leases), sum(held), sum(active), sum(refusals),
      sum(waited)
    from (${perScope}) d
    group by grouping sets ((day, "userId", scope), (day, "userId"))`;
  // The months these days are in, again from their day rows.
  const [firstMonth, endMonth] = [monthOf(firstDay), nextMonth(monthOf(addDays(endDay, -1)))];
  await tx.$executeRaw`delete from "SeatUsageAgentMonth" where "timeZone" = ${timeZone} and month >=
    ${firstMonth}::date and month < ${endMonth}::date`;
  await tx.$executeRaw`
    insert into "SeatUsageAgentMonth" ("timeZone", scope, month, "userId", leases, "heldSeconds",
      "activeSeconds", days, refusals, "waitedSeconds")
    select "timeZone", scope, date_trunc('month', day)::date, "userId", sum(leases), sum("heldSeconds"),
      sum("activeSeconds"),
      count(*) filter (where "heldSeconds" > 0), sum(refusals), sum("waitedSeconds")
    from "SeatUsageAgentDay" where "timeZone" = ${timeZone} and day >= ${firstMonth}::date and day < ${endMonth}::date
    group by 1, 2, 3, 4`;
  const [longest] = await tx.$queryRaw<[{ seconds: number | null }]>`
    select max(date_part('epoch', "endedAt" - "grantedAt"))::float8 as seconds from "SeatLease" where "grantedAt"
      >= ${window.from} and "grantedAt" < ${window.to}`;
  return longest.seconds ?? 0;
}

/**
 * Rolls up every local day of `timeZone` that became final; returns the first day not rolled up
 * ("YYYY-MM-DD": from its local midnight on, reports compute live).
 */
export async function refreshAgentDayRollup(db: Db, timeZone: string): Promise<AgentRollupState> {
  for (;;) {
    const step = await inTransaction(
      db,
      async (tx) => {
        // One step at a time, across instances and the background job. The lock comes before the
        // first query, so this step's snapshot already sees what the step before it committed (a
        // row lock taken after it would fail on the other's update instead).
        await tx.$executeRaw`lock table "SeatUsageAgentRollup" in share row exclusive mode`;
        await tx.$executeRaw`insert into "SeatUsageAgentRollup" ("timeZone") values (${timeZone}) on conflict
          ("timeZone") do nothing`;
        const [progress] = await tx.$queryRaw<Progress[]>`
        select "rolledUpTo"::text as "rolledUpTo", "leaseIdSeen", "eventIdSeen", "longestLeaseSeconds" from
          "SeatUsageAgentRollup" where "timeZone" = ${timeZone}`;
        const [facts] = await tx.$queryRaw<Facts[]>`
        select (least(now() - make_interval(mins => ${REFUSAL_FOLLOW_UP_MINUTES}),
            (select min("grantedAt") from "SeatLease" where "endedAt" is null),
            (select min("enqueuedAt") from "SeatQueueEntry" where "endedAt" is null) - interval '5 minutes') at
              time zone ${timeZone})::date::text as final,
          coalesce((select max(id) from "SeatLease"), 0) as "maxLease",
          coalesce((select max(id) from "SeatEvent"), 0) as "maxEvent",
          -- A lease written late can change the outcome of a refusal up to an hour before it.
          (least(
            (select min("grantedAt") from "SeatLease" where id > ${progress!.leaseIdSeen}) - make_interval(mins
              => ${REFUSAL_FOLLOW_UP_MINUTES}),
            (select min(at) from "SeatEvent" where id > ${progress!.eventIdSeen} and type = 'REFUSED')) at time
              zone ${timeZone})::date::text as backfill,
          (least((select min("grantedAt") from "SeatLease"), (select min(at) from "SeatEvent" where type =
            'REFUSED')) at time zone ${timeZone})::date::text as first`;
        const { final, maxLease, maxEvent, backfill, first } = facts!;
        let start = progress!.rolledUpTo ?? first ?? final;
        if (backfill && backfill < start) start = backfill;
        let longestLeaseSeconds = progress!.longestLeaseSeconds;
        const save = (to: string) =>
          tx.$executeRaw`update "SeatUsageAgentRollup" set "rolledUpTo" = ${to}::date, "leaseIdSeen" =
            ${maxLease}, "eventIdSeen" = ${maxEvent},
          "longestLeaseSeconds" = ${longestLeaseSeconds}, "updatedAt" = now() where "timeZone" = ${timeZone}`;
        if (start >= final) {
          // Nothing new is final. Days rolled up past `final` (history written since for them) go
          // back to being computed live.
          if (progress!.rolledUpTo && progress!.rolledUpTo > final) {
            await tx.$executeRaw`delete from "SeatUsageAgentDay" where "timeZone" = ${timeZone} and day >=
              ${final}::date`;
            await tx.$executeRaw`delete from "SeatUsageAgentMonth" where "timeZone" = ${timeZone} and month >=
              ${monthOf(final)}::date`;
          }
          await save(final);
          return { done: true, state: { rolledUpTo: final, longestLeaseSeconds } };
        }
        const end = [addDays(start, CHUNK_DAYS), final].sort()[0]!;
        longestLeaseSeconds = Math.max(longestLeaseSeconds, await rollUpDays(tx, timeZone, start, end));
        await save(end);
        return { done: end === final, state: { rolledUpTo: end, longestLeaseSeconds } };
      },
      // A step reads and aggregates a month of history: longer than a request's bounds.
      { kind: "rollup", isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
    );
    if (step.done) return step.state;
  }
}
