import type { Db } from "../db/client";
import type { LeaseEndReason, SeatKind } from "../db/generated/enums";
import { lockPool } from "./locks";
import { sweepPool, seatsTaken } from "./sweep";
import { poolHolders, settleOwnLease, touchLiveLease, type SeatHolder } from "./leases";
import { releaseReasonText } from "./release";
import { seatTiming, type SeatTiming } from "./timing";

/*
 * What an agent's console shows about their seat, and the heartbeat that keeps it. Times come
 * from the database clock and are sent with `now` so the browser counts down against it.
 */

export type SeatStatus = {
  now: Date;
  heartbeatSeconds: number;
  license: { kind: SeatKind; pool: { id: string; name: string; size: number; idleTimeoutSeconds: number } | null } | null;
  lease: { id: string; kind: SeatKind; grantedAt: Date; seatNumber: number | null; idleReleaseAt: Date; warnAt: Date } | null;
  lastEnd: { reason: LeaseEndReason; at: Date; message: string } | null;
  queue: { position: number; reservedUntil: Date | null } | null;
  pool: { inUse: number; reserved: number; size: number; holders: SeatHolder[]; nextFreeAtLatest: Date | null } | null;
  nudges: { fromName: string; at: Date }[];
};

export type StatusOptions = {
  requestId?: string | null;
  timing?: Partial<SeatTiming>;
  /** Report a lease ending only from this time on (the sign-in's start): yesterday's sign-out is no news today. */
  endedSince?: Date | null;
};
export type PresenceInput = StatusOptions & { userId: string; active: boolean };

/** The heartbeat: a tab is open (presence) and, if `active`, the person used it since the last one. */
export async function reportPresence(db: Db, input: PresenceInput): Promise<SeatStatus> {
  const timing = seatTiming(input.timing);
  await db.$transaction(async (tx) => {
    await settleOwnLease(tx, input.userId, timing, input.requestId ?? null);
    await touchLiveLease(tx, input.userId, input.active, timing);
    // The database clock, not this instance's: the sweep compares it with now().
    await tx.$executeRaw`update "SeatQueueEntry" set "lastPresenceAt" = now() where "userId" = ${input.userId} and "endedAt" is null`;
  });
  return getSeatStatus(db, input.userId, input);
}

export async function getSeatStatus(db: Db, userId: string, options: StatusOptions = {}): Promise<SeatStatus> {
  const timing = seatTiming(options.timing);
  return db.$transaction(async (tx) => {
    const lease = await settleOwnLease(tx, userId, timing, options.requestId ?? null);
    const assignment = await tx.seatAssignment.findUnique({
      where: { userId },
      select: { kind: true, pool: { select: { id: true, name: true, size: true, idleTimeoutSeconds: true, deletedAt: true } } },
    });
    const pool = assignment?.pool && !assignment.pool.deletedAt ? assignment.pool : null;
    const [{ now }] = await tx.$queryRaw<[{ now: Date }]>`select now() as now`;
    const status: SeatStatus = {
      now,
      heartbeatSeconds: timing.heartbeatSeconds,
      license: assignment ? { kind: assignment.kind, pool: pool ? { id: pool.id, name: pool.name, size: pool.size, idleTimeoutSeconds: pool.idleTimeoutSeconds } : null } : null,
      lease: null,
      lastEnd: null,
      queue: null,
      pool: null,
      nudges: [],
    };

    if (lease) {
      const rows = await tx.$queryRaw<{ idleReleaseAt: Date; seatNumber: number | null }[]>`
        select l."lastActivityAt" + make_interval(secs => coalesce(p."idleTimeoutSeconds", (select "namedIdleTimeoutSeconds" from "Entitlement" where id = 1), 1800)) as "idleReleaseAt",
          case when l."poolId" is null then null else
            (select count(*)::int from "SeatLease" o where o."poolId" = l."poolId" and o."endedAt" is null and (o."grantedAt", o.id) <= (l."grantedAt", l.id)) end as "seatNumber"
        from "SeatLease" l left join "SeatPool" p on p.id = l."poolId" where l.id = ${lease.id}`;
      const row = rows[0]!;
      status.lease = {
        id: lease.id.toString(), kind: lease.kind, grantedAt: lease.grantedAt, seatNumber: row.seatNumber,
        idleReleaseAt: row.idleReleaseAt, warnAt: new Date(row.idleReleaseAt.getTime() - timing.idleWarningSeconds * 1000),
      };
      if (lease.poolId) {
        status.nudges = await tx.$queryRaw<{ fromName: string; at: Date }[]>`
          select "userName" as "fromName", at from "SeatEvent"
          where type = 'NUDGE' and "poolId" = ${lease.poolId} and at > greatest(${lease.grantedAt}, now() - interval '10 minutes')
          order by at desc limit 5`;
      }
      return status;
    }

    const last = await tx.seatLease.findFirst({ where: { userId, ...(options.endedSince ? { endedAt: { gte: options.endedSince } } : {}) }, orderBy: { id: "desc" }, select: { endReason: true, endedAt: true, endNote: true } });
    if (last?.endReason && last.endedAt) status.lastEnd = { reason: last.endReason, at: last.endedAt, message: releaseReasonText(last.endReason, last.endNote) };

    if (pool) {
      // Keep the line moving for whoever is watching it: reserve freed seats now (skip if another
      // instance is sweeping this pool at this very moment).
      const locked = await lockPool(tx, pool.id, { skipLocked: true });
      if (locked) await sweepPool(tx, locked, timing, options.requestId ?? null);
      const taken = await seatsTaken(tx, pool.id);
      const holders = await poolHolders(tx, pool);
      status.pool = {
        inUse: taken.leases, reserved: taken.reservations, size: pool.size, holders,
        nextFreeAtLatest: holders.reduce<Date | null>((min, h) => (min === null || h.endsAtLatest < min ? h.endsAtLatest : min), null),
      };
      const entries = await tx.$queryRaw<{ position: number; reservedUntil: Date | null }[]>`
        select (select count(*)::int from "SeatQueueEntry" o where o."poolId" = q."poolId" and o."endedAt" is null and (o."enqueuedAt", o.id) <= (q."enqueuedAt", q.id)) as position,
          case when q."reservedUntil" > now() then q."reservedUntil" else null end as "reservedUntil"
        from "SeatQueueEntry" q where q."userId" = ${userId} and q."endedAt" is null`;
      status.queue = entries[0] ?? null;
    }
    return status;
  }, { maxWait: 15_000, timeout: 15_000 });
}
