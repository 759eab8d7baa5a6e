import type { Tx } from "../db/transaction";
import type { LockedPool } from "./locks";
import type { SeatTiming } from "./timing";

/*
 * Brings a pool up to date with the database clock: ends leases whose idle timeout or presence
 * grace has elapsed (dated at the moment it elapsed, not when noticed), passes on expired
 * reservations, and reserves freed seats for the waiting line, first come first served.
 * Call with the pool row locked (lockPool), so two instances never sweep one pool at once.
 */

export type SweepResult = { released: number; reservationsExpired: number; reserved: number };

export async function sweepPool(tx: Tx, pool: LockedPool, timing: SeatTiming, requestId: string | null): Promise<SweepResult> {
  // SKIP LOCKED: whoever holds a pool lock never waits for a lease row. A lease row locked by
  // another transaction is being ended (its owner's checkout settling it, a release) or kept
  // (a fenced write) by it, and that transaction may itself be waiting for this pool's lock:
  // waiting here deadlocked (checkout-race.test.ts, "lock ordering"). A skipped lease still
  // counts as taken, so skipping can only refuse early, never grant too much.
  const released = await tx.$executeRaw`
    with due as (
      select l.id from "SeatLease" l
      where l."poolId" = ${pool.id} and l."endedAt" is null
        and (l."lastActivityAt" + make_interval(secs => ${pool.idleTimeoutSeconds}) <= now()
             or l."lastPresenceAt" + make_interval(secs => ${timing.presenceGraceSeconds}) <= now())
      for no key update skip locked
    ), ended as (
      update "SeatLease" l set
        "endedAt" = least(l."lastActivityAt" + make_interval(secs => ${pool.idleTimeoutSeconds}), l."lastPresenceAt" + make_interval(secs => ${timing.presenceGraceSeconds})),
        "endReason" = (case when l."lastActivityAt" + make_interval(secs => ${pool.idleTimeoutSeconds}) <= l."lastPresenceAt" + make_interval(secs => ${timing.presenceGraceSeconds})
                       then 'IDLE' else 'CLOSED' end)::"LeaseEndReason"
      from due where l.id = due.id
      returning l.id, l."userId", l."endedAt", l."endReason"
    )
    insert into "SeatEvent" (type, at, "userId", "userName", kind, "poolId", "poolName", "leaseId", reason, "requestId")
    select 'RELEASED', e."endedAt", e."userId", u.name, 'CONCURRENT', ${pool.id}, ${pool.name}, e.id, e."endReason"::text, ${requestId}
    from ended e join "User" u on u.id = e."userId"`;

  // Someone in line whose every tab has been closed for the grace period leaves the line.
  await tx.$executeRaw`
    with gone as (
      update "SeatQueueEntry" q set "endedAt" = now(), outcome = 'LEFT'
      where q."poolId" = ${pool.id} and q."endedAt" is null
        and q."lastPresenceAt" + make_interval(secs => ${timing.presenceGraceSeconds}) <= now()
      returning q."userId"
    )
    insert into "SeatEvent" (type, "userId", "userName", kind, "poolId", "poolName", reason, "requestId")
    select 'LEFT_QUEUE', g."userId", u.name, 'CONCURRENT', ${pool.id}, ${pool.name}, 'CLOSED', ${requestId}
    from gone g join "User" u on u.id = g."userId"`;

  const reservationsExpired = await tx.$executeRaw`
    with expired as (
      update "SeatQueueEntry" q set "endedAt" = q."reservedUntil", outcome = 'RESERVATION_EXPIRED'
      where q."poolId" = ${pool.id} and q."endedAt" is null and q."reservedUntil" <= now()
      returning q."userId", q."reservedUntil"
    )
    insert into "SeatEvent" (type, at, "userId", "userName", kind, "poolId", "poolName", reason, "requestId")
    select 'RESERVATION_EXPIRED', x."reservedUntil", x."userId", u.name, 'CONCURRENT', ${pool.id}, ${pool.name}, 'not claimed in time', ${requestId}
    from expired x join "User" u on u.id = x."userId"`;

  const reserved = await reserveFreeSeats(tx, pool, timing, requestId);
  return { released, reservationsExpired, reserved };
}

/**
 * Seats held: open leases plus reservations not yet expired, and `at`, the database clock when
 * they were counted (clock_timestamp(), not the transaction's start), to date a refusal made on
 * these numbers at the moment they were true.
 */
export async function seatsTaken(tx: Tx, poolId: string): Promise<{ leases: number; reservations: number; at: Date }> {
  const rows = await tx.$queryRaw<{ leases: number; reservations: number; at: Date }[]>`
    select
      (select count(*)::int from "SeatLease" where "poolId" = ${poolId} and "endedAt" is null) as leases,
      (select count(*)::int from "SeatQueueEntry" where "poolId" = ${poolId} and "endedAt" is null and "reservedUntil" > now()) as reservations,
      clock_timestamp() as at`;
  return rows[0]!;
}

async function reserveFreeSeats(tx: Tx, pool: LockedPool, timing: SeatTiming, requestId: string | null): Promise<number> {
  const taken = await seatsTaken(tx, pool.id);
  const free = pool.size - taken.leases - taken.reservations;
  if (free <= 0) return 0;
  return tx.$executeRaw`
    with next_in_line as (
      select id from "SeatQueueEntry"
      where "poolId" = ${pool.id} and "endedAt" is null and "reservedUntil" is null
      order by "enqueuedAt", id limit ${free}
    ), reserved as (
      update "SeatQueueEntry" q set "reservedAt" = now(), "reservedUntil" = now() + make_interval(secs => ${timing.reservationSeconds})
      from next_in_line n where q.id = n.id
      returning q."userId", q."reservedUntil"
    )
    insert into "SeatEvent" (type, "userId", "userName", kind, "poolId", "poolName", reason, "requestId", details)
    select 'RESERVED', r."userId", u.name, 'CONCURRENT', ${pool.id}, ${pool.name}, 'first in line', ${requestId},
           jsonb_build_object('reservedUntil', r."reservedUntil")
    from reserved r join "User" u on u.id = r."userId"`;
}

/** Ends expired named-seat leases. Named seats are never refused; their leases measure use. */
export async function sweepNamedLeases(tx: Tx, timing: SeatTiming, requestId: string | null, userId?: string): Promise<number> {
  const onlyUser = userId ?? null;
  return tx.$executeRaw`
    with t as (select "namedIdleTimeoutSeconds" as idle from "Entitlement" where id = 1),
    ended as (
      update "SeatLease" l set
        "endedAt" = least(l."lastActivityAt" + make_interval(secs => coalesce((select idle from t), 1800)), l."lastPresenceAt" + make_interval(secs => ${timing.presenceGraceSeconds})),
        "endReason" = (case when l."lastActivityAt" + make_interval(secs => coalesce((select idle from t), 1800)) <= l."lastPresenceAt" + make_interval(secs => ${timing.presenceGraceSeconds})
                       then 'IDLE' else 'CLOSED' end)::"LeaseEndReason"
      where l.kind = 'NAMED' and l."endedAt" is null and (${onlyUser}::text is null or l."userId" = ${onlyUser})
        and (l."lastActivityAt" + make_interval(secs => coalesce((select idle from t), 1800)) <= now()
             or l."lastPresenceAt" + make_interval(secs => ${timing.presenceGraceSeconds}) <= now())
      returning l.id, l."userId", l."endedAt", l."endReason"
    )
    insert into "SeatEvent" (type, at, "userId", "userName", kind, "leaseId", reason, "requestId")
    select 'RELEASED', e."endedAt", e."userId", u.name, 'NAMED', e.id, e."endReason"::text, ${requestId}
    from ended e join "User" u on u.id = e."userId"`;
}
