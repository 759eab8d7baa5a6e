import "server-only";
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { inTransaction, type Tx } from "../db/transaction";
import { aggregateHours, HOUR_MS, type LeaseSpans } from "./hour-aggregate";
import { LEASE_IDLE_SECONDS_SQL } from "../licensing/leases";
import { parseNumbers } from "./demand";

/*
 * The hourly rollup (SeatUsageHour), kept up to date on demand: each report first rolls up the
 * hours that became final since the last one. An hour is final once no lease that could still
 * change it is open: every hour before the earliest open lease's grant (and before now). Hours
 * after that are computed live by the report from the same lease rows, so a report always
 * counts live leases up to now, and a long-open lease only keeps its own hours live.
 *
 * Work goes a month at a time, one REPEATABLE READ transaction per month holding the progress row,
 * so two reports never roll up the same hours and a first rollup of a long history is resumable.
 * History written later for hours already rolled up (a demo or a test inserting the past) is
 * noticed by the ids seen, and those hours are rolled up again.
 */

const CHUNK_MS = 31 * 24 * HOUR_MS;

/**
 * Until when the holder of lease `l` used it: its end, or its last activity when the idle timeout
 * ended it (the timeout's tail is held, not used); a live lease up to now. The agents' active
 * hours (agent-days.ts) and the optimizer's demand (load-demand.ts) both count this.
 */
export const LEASE_USED_UNTIL_SQL = Prisma.sql`(case when l."endReason" = 'IDLE' then greatest(l."grantedAt",
  l."lastActivityAt") else coalesce(l."endedAt", now()) end)`;

/** How a lease counts for use: held until it ended (a live one until now, or its idle end if that passed). */
export const LEASE_SPAN_SQL = Prisma.sql`
  (date_part('epoch', l."grantedAt") * 1000)::text || ',' ||
  (date_part('epoch', coalesce(l."endedAt", least(now(), l."lastActivityAt" + make_interval(secs =>
    ${LEASE_IDLE_SECONDS_SQL})))) * 1000)::text || ',' ||
  (date_part('epoch', case when l."endReason" = 'IDLE' then l."lastActivityAt" else coalesce(l."endedAt", now())
    end) * 1000)::text`;

/** Lease spans overlapping [from, to), one row per scope ("named" or the pool id), optionally of one scope. */
export async function fetchLeaseSpans(db: Db | Tx, from: Date, to: Date, scope: string | null): Promise<LeaseSpans[]> {
  const scopeFilter =
    scope === null
      ? Prisma.empty
      : scope === "named"
        ? Prisma.sql`and l."poolId" is null`
        : Prisma.sql`and l."poolId" = ${scope}`;
  const rows = await db.$queryRaw<{ scope: string; spans: string }[]>`
    select coalesce(l."poolId", 'named') as scope, string_agg(${LEASE_SPAN_SQL}, ',') as spans
    from "SeatLease" l left join "SeatPool" p on p.id = l."poolId"
    where l."grantedAt" < ${to} and (l."endedAt" is null or l."endedAt" > ${from}) ${scopeFilter}
    group by 1`;
  return rows.map((r) => ({ scope: r.scope, spans: parseNumbers(r.spans) }));
}

/** Refusals per scope and UTC hour in [from, to). */
export async function fetchRefusalHours(
  db: Db | Tx,
  from: Date,
  to: Date,
  scope: string | null,
): Promise<{ scope: string; hour: Date; refusals: number }[]> {
  const scopeFilter =
    scope === null
      ? Prisma.empty
      : scope === "named"
        ? Prisma.sql`and e."poolId" is null`
        : Prisma.sql`and e."poolId" = ${scope}`;
  return db.$queryRaw`
    select coalesce(e."poolId", 'named') as scope, date_trunc('hour', e.at) as hour, count(*)::int as refusals
    from "SeatEvent" e where e.type = 'REFUSED' and e.at >= ${from} and e.at < ${to} ${scopeFilter}
    group by 1, 2`;
}

type Progress = { rolledUpTo: Date | null; leaseIdSeen: bigint; eventIdSeen: bigint };

async function rollUpChunk(tx: Tx, start: Date, end: Date): Promise<void> {
  await tx.$executeRaw`delete from "SeatUsageHour" where hour >= ${start} and hour < ${end}`;
  const stats = aggregateHours(await fetchLeaseSpans(tx, start, end, null), start.getTime(), end.getTime());
  const refusals = await fetchRefusalHours(tx, start, end, null);
  const hours = Math.round((end.getTime() - start.getTime()) / HOUR_MS);
  const refusalsOf = new Map<string, number>();
  for (const r of refusals) {
    const h = Math.round((r.hour.getTime() - start.getTime()) / HOUR_MS);
    for (const key of [`${r.scope}|${h}`, `*|${h}`]) refusalsOf.set(key, (refusalsOf.get(key) ?? 0) + r.refusals);
    if (!stats.has(r.scope)) stats.set(r.scope, aggregateHours([], start.getTime(), end.getTime()).get("*")!);
  }
  const cols = {
    scope: [] as string[],
    hour: [] as Date[],
    peak: [] as number[],
    held: [] as number[],
    idle: [] as number[],
    grants: [] as number[],
    refusals: [] as number[],
  };
  for (const [scope, s] of stats) {
    for (let h = 0; h < hours; h++) {
      const refused = refusalsOf.get(`${scope}|${h}`) ?? 0;
      // Only hours where something happened: a quiet night costs no rows.
      if (s.peak[h] === 0 && s.grants[h] === 0 && refused === 0) continue;
      cols.scope.push(scope);
      cols.hour.push(new Date(start.getTime() + h * HOUR_MS));
      cols.peak.push(s.peak[h]!);
      cols.held.push(s.held[h]!);
      cols.idle.push(s.idle[h]!);
      cols.grants.push(s.grants[h]!);
      cols.refusals.push(refused);
    }
  }
  if (cols.scope.length === 0) return;
  await tx.$executeRaw`
    insert into "SeatUsageHour" (scope, hour, peak, "heldSeconds", "idleSeconds", grants, refusals)
    select * from unnest(${cols.scope}::text[], ${cols.hour}::timestamptz[], ${cols.peak}::int[],
      ${cols.held}::float8[], ${cols.idle}::float8[], ${cols.grants}::int[], ${cols.refusals}::int[])`;
}

/**
 * Rolls up every hour that became final; returns the end of the rollup (hours from then on are
 * not in SeatUsageHour and must be computed live).
 */
export async function refreshSeatUsageRollup(db: Db): Promise<Date> {
  for (;;) {
    const step = await inTransaction(
      db,
      async (tx) => {
        // One step at a time, across instances and the background job. The lock comes before the
        // first query, so this step's snapshot already sees what the step before it committed (a
        // row lock taken after it would fail on the other's update instead).
        await tx.$executeRaw`lock table "SeatUsageRollup" in share row exclusive mode`;
        await tx.$executeRaw`insert into "SeatUsageRollup" (id) values (1) on conflict (id) do nothing`;
        const [progress] = await tx.$queryRaw<
          Progress[]
        >`select "rolledUpTo", "leaseIdSeen", "eventIdSeen" from "SeatUsageRollup" where id = 1`;
        const [facts] = await tx.$queryRaw<
          { final: Date; maxLease: bigint; maxEvent: bigint; backfill: Date | null; first: Date | null }[]
        >`
        select date_trunc('hour', least(now(), (select min("grantedAt") from "SeatLease" where "endedAt" is
          null))) as final,
          coalesce((select max(id) from "SeatLease"), 0) as "maxLease",
          coalesce((select max(id) from "SeatEvent"), 0) as "maxEvent",
          date_trunc('hour', least(
            (select min("grantedAt") from "SeatLease" where id > ${progress!.leaseIdSeen}),
            (select min(at) from "SeatEvent" where id > ${progress!.eventIdSeen} and type = 'REFUSED'))) as backfill,
          date_trunc('hour', least((select min("grantedAt") from "SeatLease"), (select min(at) from "SeatEvent"
            where type = 'REFUSED'))) as first`;
        const { final, maxLease, maxEvent, backfill, first } = facts!;
        let start = progress!.rolledUpTo ?? first ?? final;
        if (backfill && backfill < start) start = backfill;
        if (start >= final) {
          // Nothing new is final. Hours rolled up past `final` (history written since for them)
          // go back to being computed live.
          if (progress!.rolledUpTo && progress!.rolledUpTo > final)
            await tx.$executeRaw`delete from "SeatUsageHour" where hour >= ${final}`;
          await tx.$executeRaw`update "SeatUsageRollup" set "rolledUpTo" = ${final}, "leaseIdSeen" = ${maxLease},
            "eventIdSeen" = ${maxEvent}, "updatedAt" = now() where id = 1`;
          return { done: true, final };
        }
        const end = new Date(Math.min(final.getTime(), start.getTime() + CHUNK_MS));
        await rollUpChunk(tx, start, end);
        await tx.$executeRaw`update "SeatUsageRollup" set "rolledUpTo" = ${end}, "leaseIdSeen" = ${maxLease},
          "eventIdSeen" = ${maxEvent}, "updatedAt" = now() where id = 1`;
        return { done: end.getTime() === final.getTime(), final: end };
      },
      // A step reads and aggregates a month of history: longer than a request's bounds.
      { kind: "rollup", isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
    );
    if (step.done) return step.final;
  }
}
