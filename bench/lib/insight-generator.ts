import pg from "pg";
import { timedSqlSteps } from "./sql-steps";

/*
 * One year of seat history for `npm run bench:insight`, generated inside PostgreSQL
 * (generate_series, INSERT ... SELECT, a fixed random seed): 2,000 agents, 200 of them on named
 * seats and 1,800 in 20 pools of 90 (each pool: 10 who work all day, 80 who use a seat now and
 * then). Every working day: the all-day agents hold a seat 8-12 and 13-17 (some evenings until
 * the idle timeout), the others 0-3 sessions of 10-60 minutes, a few refused and waiting in line.
 * About 0.9 million leases, 1.8 million GRANTED/RELEASED events and tens of thousands of
 * refusals. Speed, not the pool's seat limit, is the point here: the sessions are random.
 * SeatEvent's secondary indexes are dropped for the load and re-created after it.
 */

export const BENCH_POOLS = 20;
export const BENCH_POOL_MEMBERS = 90;
export const BENCH_ALL_DAY_PER_POOL = 10;
export const BENCH_NAMED = 200;
export const BENCH_POOL_SIZE = 20;
/** The desk's time zone: reports count days and hours in it. */
export const BENCH_TIME_ZONE = "Europe/Paris";

export async function generateInsightHistory(url: string, yearStart: Date, log: (line: string) => void): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const step = timedSqlSteps(c, log);
  try {
    await c.query(
      `set synchronous_commit = off; set maintenance_work_mem = '256MB'; set work_mem = '64MB'; select setseed(0.42)`,
    );
    await step(
      "people and pools",
      `
      insert into "User" (id, email, name, role, "passwordHash", "updatedAt")
      select 'ba' || lpad(i::text, 5, '0'), 'agent' || lpad(i::text, 5, '0') || '@bench.test', 'Agent ' || i,
        'AGENT', 'x', now()
      from generate_series(1, ${BENCH_NAMED + BENCH_POOLS * BENCH_POOL_MEMBERS}) i`,
    );
    await c.query(`
      insert into "SeatPool" (id, name, size, "idleTimeoutSeconds") select 'bp' || lpad(p::text, 2, '0'), 'Pool '
        || p, ${BENCH_POOL_SIZE}, 1800 from generate_series(1, ${BENCH_POOLS}) p;
      insert into "Entitlement" (id, "namedSeats", "concurrentSeats", "updatedAt") values (1, ${BENCH_NAMED},
        ${BENCH_POOLS * BENCH_POOL_SIZE}, now());
      update "TicketSettings" set "timeZone" = '${BENCH_TIME_ZONE}' where id = 1;
      insert into "SeatAssignment" ("userId", kind) select 'ba' || lpad(i::text, 5, '0'), 'NAMED' from
        generate_series(1, ${BENCH_NAMED}) i;
      insert into "SeatAssignment" ("userId", kind, "poolId")
        select 'ba' || lpad(i::text, 5, '0'), 'CONCURRENT', 'bp' || lpad((1 + (i - ${BENCH_NAMED + 1}) /
          ${BENCH_POOL_MEMBERS})::text, 2, '0')
        from generate_series(${BENCH_NAMED + 1}, ${BENCH_NAMED + BENCH_POOLS * BENCH_POOL_MEMBERS}) i`);

    const indexes = (
      await c.query<{ name: string; def: string }>(
        `select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as def from pg_index where
          indrelid = '"SeatEvent"'::regclass and not indisprimary`,
      )
    ).rows;
    for (const index of indexes) await c.query(`drop index ${index.name}`);

    // Who works all day: the named agents and the first 10 of each pool.
    await step(
      "leases",
      `
      with agents as (
        select a."userId", a."poolId",
          a.kind = 'NAMED' or ((substr(a."userId", 3)::int - ${BENCH_NAMED + 1}) % ${BENCH_POOL_MEMBERS}) <
            ${BENCH_ALL_DAY_PER_POOL} as all_day
        from "SeatAssignment" a
      ),
      days as (
        select $1::timestamptz + d * interval '1 day' as day from generate_series(0, 364) d
        where extract(isodow from $1::timestamptz + d * interval '1 day') < 6
      ),
      sessions as (
        select a."userId", a."poolId",
          day + s.from_h * interval '1 hour' + (random() * 30 - 15) * interval '1 minute' as granted,
          day + s.to_h * interval '1 hour' + (random() * 30 - 15) * interval '1 minute' as last_activity,
          random() < 0.2 as idle
        from agents a cross join days cross join (values (8, 12), (13, 17)) as s(from_h, to_h)
        where a.all_day and random() > 0.05
        union all
        select a."userId", a."poolId", g.granted, g.granted + (10 + random() * 50) * interval '1 minute', random() < 0.3
        from agents a cross join days
        cross join lateral (select day + (8.5 + random() * 9) * interval '1 hour' + n * interval '3 hours' as granted
          -- a."userId" in the subquery keeps PostgreSQL from memoizing one draw per day for everyone
          from generate_series(0, floor(random() * 2.2)::int) n where random() < 0.7 and a."userId" is not null) g
        where not a.all_day
      )
      insert into "SeatLease" ("userId", kind, "poolId", "grantedAt", "lastActivityAt", "lastPresenceAt",
        "endedAt", "endReason")
      select "userId", case when "poolId" is null then 'NAMED' else 'CONCURRENT' end::"SeatKind", "poolId",
        granted, last_activity, last_activity,
        case when idle then last_activity + interval '30 minutes' else last_activity end, case when idle then
          'IDLE' else 'SIGN_OUT' end::"LeaseEndReason"
      from sessions`,
      [yearStart],
    );
    await step(
      "grant and release events",
      `
      insert into "SeatEvent" (type, at, "recordedAt", "userId", "userName", kind, "poolId", "poolName",
        "leaseId", reason)
      select e.type::"SeatEventType", e.at, e.at, l."userId", 'Agent', l.kind, l."poolId", l."poolId", l.id, e.reason
      from "SeatLease" l cross join lateral (values ('GRANTED', l."grantedAt", 'seat free'), ('RELEASED',
        l."endedAt", l."endReason"::text)) e(type, at, reason)`,
    );
    // Refusals: about 5 a pool per working day, half of them followed by a wait in line.
    await step(
      "refusals and waits in line",
      `
      with r as (
        select a."userId", a."poolId", $1::timestamptz + d * interval '1 day' + (9 + random() * 8) * interval
          '1 hour' as at, random() < 0.5 as waited
        from "SeatAssignment" a cross join generate_series(0, 364) d
        where a.kind = 'CONCURRENT' and extract(isodow from $1::timestamptz + d * interval '1 day') < 6 and
          random() < 5.0 / ${BENCH_POOL_MEMBERS}
      ),
      q as (
        insert into "SeatQueueEntry" ("poolId", "userId", "enqueuedAt", "lastPresenceAt", "endedAt", outcome)
        select "poolId", "userId", at, at, at + (2 + random() * 20) * interval '1 minute', case when random() <
          0.8 then 'GRANTED' else 'LEFT' end::"QueueOutcome"
        from r where waited
      )
      insert into "SeatEvent" (type, at, "recordedAt", "userId", "userName", kind, "poolId", "poolName", reason)
      select 'REFUSED', at, at, "userId", 'Agent', 'CONCURRENT', "poolId", "poolId", 'all seats in use' from r`,
      [yearStart],
    );
    const started = Date.now();
    for (const index of indexes) await c.query(index.def);
    await c.query(
      `analyze "SeatLease"; analyze "SeatEvent"; analyze "SeatQueueEntry"; analyze "SeatAssignment"; analyze "User"`,
    );
    log(`  indexes and statistics: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await c.end();
  }
}
