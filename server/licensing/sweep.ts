import "server-only";
import { Prisma } from "../db/generated/client";
import { runnerFor, type SqlRunner, type SqlTarget } from "../db/sql";
import { LEASE_IDLE_SECONDS_SQL } from "./leases";
import type { LockedPool } from "./locks";
import type { SeatTiming } from "./timing";

/*
 * Brings a pool up to date with the database clock: ends leases whose idle timeout or presence
 * grace has elapsed (dated at the moment it elapsed, not when noticed), passes on expired
 * reservations, and reserves freed seats for the waiting line, first come first served.
 * Call with the pool row locked (lockPool), so two instances never sweep one pool at once.
 */

export type SweepResult = { released: number; reservationsExpired: number; reserved: number };

type SweptPool = Pick<LockedPool, "id" | "name" | "size">;

export async function sweepPool(
  target: SqlTarget,
  pool: SweptPool,
  timing: SeatTiming,
  requestId: string | null,
): Promise<SweepResult> {
  const tx = runnerFor(target);
  // Each lease's own idle timeout, the one it was granted under (leases.ts, LEASE_IDLE_SECONDS_SQL).
  const idle = Prisma.sql`make_interval(secs => ${LEASE_IDLE_SECONDS_SQL})`;
  const grace = Prisma.sql`make_interval(secs => ${timing.presenceGraceSeconds}::int)`;
  // SKIP LOCKED: whoever holds a pool lock never waits for a lease row. A lease row locked by
  // another transaction is being ended (its owner's checkout settling it, a release) or kept
  // (a fenced write) by it, and that transaction may itself be waiting for this pool's lock:
  // waiting here deadlocked (checkout-race.test.ts, "lock ordering"). A skipped lease still
  // counts as taken, so skipping can only refuse early, never grant too much.
  const released = await tx.execute(Prisma.sql`
    with due as (
      select l.id from "SeatLease" l
      where l."poolId" = ${pool.id} and l."endedAt" is null
        and (l."lastActivityAt" + ${idle} <= now() or l."lastPresenceAt" + ${grace} <= now())
      for no key update skip locked
    ), ended as (
      update "SeatLease" l set
        "endedAt" = least(l."lastActivityAt" + ${idle}, l."lastPresenceAt" + ${grace}),
        "endReason" = (case when l."lastActivityAt" + ${idle} <= l."lastPresenceAt" + ${grace} then 'IDLE' else
          'CLOSED' end)::"LeaseEndReason"
      from due where l.id = due.id and l."endedAt" is null
      returning l.id, l."userId", l."endedAt", l."endReason"
    )
    insert into "SeatEvent" (type, at, "userId", "userName", kind, "poolId", "poolName", "leaseId", reason, "requestId")
    select 'RELEASED', e."endedAt", e."userId", u.name, 'CONCURRENT', ${pool.id}::text, ${pool.name}::text, e.id,
      e."endReason"::text, ${requestId}::text
    from ended e join "User" u on u.id = e."userId"`);

  // Someone in line whose every tab has been closed for the grace period leaves the line.
  await tx.execute(Prisma.sql`
    with gone as (
      update "SeatQueueEntry" q set "endedAt" = now(), outcome = 'LEFT'
      where q."poolId" = ${pool.id} and q."endedAt" is null and q."lastPresenceAt" + ${grace} <= now()
      returning q."userId"
    )
    insert into "SeatEvent" (type, "userId", "userName", kind, "poolId", "poolName", reason, "requestId")
    select 'LEFT_QUEUE', g."userId", u.name, 'CONCURRENT', ${pool.id}::text, ${pool.name}::text, 'CLOSED',
      ${requestId}::text
    from gone g join "User" u on u.id = g."userId"`);

  const reservationsExpired = await tx.execute(Prisma.sql`
    with expired as (
      update "SeatQueueEntry" q set "endedAt" = q."reservedUntil", outcome = 'RESERVATION_EXPIRED'
      where q."poolId" = ${pool.id} and q."endedAt" is null and q."reservedUntil" <= now()
      returning q."userId", q."reservedUntil"
    )
    insert into "SeatEvent" (type, at, "userId", "userName", kind, "poolId", "poolName", reason, "requestId")
    select 'RESERVATION_EXPIRED', x."reservedUntil", x."userId", u.name, 'CONCURRENT', ${pool.id}::text,
      ${pool.name}::text, 'not claimed in time', ${requestId}::text
    from expired x join "User" u on u.id = x."userId"`);

  const reserved = await reserveFreeSeats(tx, pool, timing, requestId);
  return { released, reservationsExpired, reserved };
}

/**
 * SQL condition: sweeping the pool now would change something (see sweepPool). `counts` names a
 * row source with the pool's open `leases` and live `reservations`, as seatsTaken counts them.
 * Cheap (index scans of the pool's open leases and line), so a checkout or release sweeps only
 * when this says so instead of every time.
 */
export function sweepDueCondition(
  pool: { id: string; size: number | Prisma.Sql },
  timing: SeatTiming,
  counts: Prisma.Sql,
): Prisma.Sql {
  const grace = Prisma.sql`make_interval(secs => ${timing.presenceGraceSeconds}::int)`;
  return Prisma.sql`(
    exists (select 1 from "SeatLease" l where l."poolId" = ${pool.id}::text and l."endedAt" is null
      and (l."lastActivityAt" + make_interval(secs => ${LEASE_IDLE_SECONDS_SQL}) <= now() or l."lastPresenceAt" +
        ${grace} <= now()))
    or exists (select 1 from "SeatQueueEntry" q where q."poolId" = ${pool.id}::text and q."endedAt" is null
      and (q."lastPresenceAt" + ${grace} <= now() or q."reservedUntil" <= now()))
    or (${pool.size}::int - ${counts}.leases - ${counts}.reservations > 0
      and exists (select 1 from "SeatQueueEntry" q where q."poolId" = ${pool.id}::text and q."endedAt" is null
        and q."reservedUntil" is null)))`;
}

/** SQL row source `counts` of a pool: open leases, live reservations, and clock_timestamp() as `at`. */
export function seatCounts(poolId: string): Prisma.Sql {
  return Prisma.sql`(select
      (select count(*)::int from "SeatLease" where "poolId" = ${poolId}::text and "endedAt" is null) as leases,
      (select count(*)::int from "SeatQueueEntry" where "poolId" = ${poolId}::text and "endedAt" is null and
        "reservedUntil" > now()) as reservations,
      clock_timestamp() as at) counts`;
}

/** Sweeps the pool (locked by the caller) when sweepDueCondition says it would change something. */
export async function sweepPoolIfDue(
  target: SqlTarget,
  pool: SweptPool,
  timing: SeatTiming,
  requestId: string | null,
): Promise<SweepResult | null> {
  const tx = runnerFor(target);
  const [row] = await tx.rows<{ due: boolean }>(
    Prisma.sql`select ${sweepDueCondition(pool, timing, Prisma.raw("counts"))} as due from ${seatCounts(pool.id)}`,
  );
  return row?.due ? sweepPool(tx, pool, timing, requestId) : null;
}

/**
 * Seats held: open leases plus reservations not yet expired, and `at`, the database clock when
 * they were counted (clock_timestamp(), not the transaction's start), to date a refusal made on
 * these numbers at the moment they were true.
 */
export async function seatsTaken(
  tx: SqlTarget,
  poolId: string,
): Promise<{ leases: number; reservations: number; at: Date }> {
  const rows = await runnerFor(tx).rows<{ leases: number; reservations: number; at: Date }>(
    Prisma.sql`select leases, reservations, at from ${seatCounts(poolId)}`,
  );
  return rows[0]!;
}

async function reserveFreeSeats(
  tx: SqlRunner,
  pool: SweptPool,
  timing: SeatTiming,
  requestId: string | null,
): Promise<number> {
  const taken = await seatsTaken(tx, pool.id);
  const free = pool.size - taken.leases - taken.reservations;
  if (free <= 0) return 0;
  return tx.execute(Prisma.sql`
    with next_in_line as (
      select id from "SeatQueueEntry"
      where "poolId" = ${pool.id} and "endedAt" is null and "reservedUntil" is null
      order by "enqueuedAt", id limit ${free}::int
    ), reserved as (
      update "SeatQueueEntry" q set "reservedAt" = now(), "reservedUntil" = now() + make_interval(secs =>
        ${timing.reservationSeconds}::int)
      from next_in_line n where q.id = n.id
      returning q."userId", q."reservedUntil"
    ), told as (
      -- "a seat is reserved for you" by mail (server/mail/events.ts), committed with the reservation
      insert into "MailEvent" ("kind", "data")
      select 'seat.reserved', jsonb_build_object('userId', r."userId", 'pool', ${pool.name}::text, 'until',
        r."reservedUntil")
      from reserved r
    )
    insert into "SeatEvent" (type, "userId", "userName", kind, "poolId", "poolName", reason, "requestId", details)
    select 'RESERVED', r."userId", u.name, 'CONCURRENT', ${pool.id}::text, ${pool.name}::text, 'first in line',
      ${requestId}::text,
           jsonb_build_object('reservedUntil', r."reservedUntil")
    from reserved r join "User" u on u.id = r."userId"`);
}

/** Ends expired named-seat leases. Named seats are never refused; their leases measure use. */
export async function sweepNamedLeases(
  tx: SqlTarget,
  timing: SeatTiming,
  requestId: string | null,
  userId?: string,
): Promise<number> {
  const onlyUser = userId ?? null;
  const grace = Prisma.sql`make_interval(secs => ${timing.presenceGraceSeconds}::int)`;
  const idle = Prisma.sql`make_interval(secs => ${LEASE_IDLE_SECONDS_SQL})`;
  return runnerFor(tx).execute(Prisma.sql`
    with ended as (
      update "SeatLease" l set
        "endedAt" = least(l."lastActivityAt" + ${idle}, l."lastPresenceAt" + ${grace}),
        "endReason" = (case when l."lastActivityAt" + ${idle} <= l."lastPresenceAt" + ${grace} then 'IDLE' else
          'CLOSED' end)::"LeaseEndReason"
      where l.kind = 'NAMED' and l."endedAt" is null and (${onlyUser}::text is null or l."userId" = ${onlyUser})
        and (l."lastActivityAt" + ${idle} <= now() or l."lastPresenceAt" + ${grace} <= now())
      returning l.id, l."userId", l."endedAt", l."endReason"
    )
    insert into "SeatEvent" (type, at, "userId", "userName", kind, "leaseId", reason, "requestId")
    select 'RELEASED', e."endedAt", e."userId", u.name, 'NAMED', e.id, e."endReason"::text, ${requestId}::text
    from ended e join "User" u on u.id = e."userId"`);
}
