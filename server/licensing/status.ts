import "server-only";
import { Prisma } from "../db/generated/client";
import { inSqlTransaction, type SqlRunner, type SqlTarget } from "../db/sql";
import type { LeaseEndReason, SeatKind } from "../db/generated/enums";
import { lockPool } from "./locks";
import { sweepPoolIfDue } from "./sweep";
import { LEASE_IDLE_SECONDS_SQL, liveLeaseCondition, poolHolders, settleOwnLeaseCtes, type SeatHolder } from "./leases";
import { releaseReasonText } from "./release";
import { seatTiming, type SeatTiming } from "./timing";

/*
 * What an agent's console shows about their seat, and the heartbeat that keeps it. Times come
 * from the database clock and are sent with `now` so the browser counts down against it.
 * Every open console tab asks every few seconds, so a holder's heartbeat is two statements in
 * one transaction (presence; the status with the lease and nudges), on `pg` (server/db/sql.ts).
 */

export type SeatStatus = {
  now: Date;
  heartbeatSeconds: number;
  license: {
    kind: SeatKind;
    pool: { id: string; name: string; size: number; idleTimeoutSeconds: number } | null;
  } | null;
  lease: {
    id: string;
    kind: SeatKind;
    grantedAt: Date;
    seatNumber: number | null;
    idleReleaseAt: Date;
    warnAt: Date;
  } | null;
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
export async function reportPresence(db: SqlTarget, input: PresenceInput): Promise<SeatStatus> {
  const timing = seatTiming(input.timing);
  return inSqlTransaction(db, async (sql) => {
    // One statement: a lease whose time ran out ends (settle), a live one is touched (never
    // both: their conditions exclude each other), and the place in line, if any, is kept by the
    // database clock, not this instance's (the sweep compares it with now()).
    await sql.execute(Prisma.sql`
      with ${settleOwnLeaseCtes(input.userId, timing, input.requestId ?? null)}, touched as (
        update "SeatLease" l set "lastPresenceAt" = now(),
          "lastActivityAt" = case when ${input.active}::boolean then now() else l."lastActivityAt" end
        where l."userId" = ${input.userId}::text and ${liveLeaseCondition(timing)} and l.id not in (select id
          from settled)
      )
      update "SeatQueueEntry" set "lastPresenceAt" = now() where "userId" = ${input.userId}::text and "endedAt"
        is null`);
    return statusIn(sql, input.userId, timing, input);
  });
}

export function getSeatStatus(db: SqlTarget, userId: string, options: StatusOptions = {}): Promise<SeatStatus> {
  const timing = seatTiming(options.timing);
  return inSqlTransaction(db, (sql) => statusIn(sql, userId, timing, options));
}

type StatusRow = {
  now: Date;
  licenseKind: SeatKind | null;
  poolId: string | null;
  poolName: string | null;
  poolSize: number | null;
  poolIdle: number | null;
  poolDeleted: boolean | null;
  leaseId: bigint | null;
  leaseKind: SeatKind | null;
  leasePoolId: string | null;
  leaseGrantedAt: Date | null;
  idleReleaseAt: Date | null;
  seatNumber: number | null;
  nudges: { fromName: string; at: string }[] | null;
  lastEndReason: LeaseEndReason | null;
  lastEndedAt: Date | null;
  lastEndNote: string | null;
};

async function statusIn(
  sql: SqlRunner,
  userId: string,
  timing: SeatTiming,
  options: StatusOptions,
): Promise<SeatStatus> {
  const requestId = options.requestId ?? null;
  // The person's own lease (settled first), license, pool, nudges and last ending: one statement.
  const [row] = await sql.rows<StatusRow>(Prisma.sql`
    with ${settleOwnLeaseCtes(userId, timing, requestId)}
    select now() as now,
      a.kind as "licenseKind", ap.id as "poolId", ap.name as "poolName", ap.size as "poolSize",
        ap."idleTimeoutSeconds" as "poolIdle", ap."deletedAt" is not null as "poolDeleted",
      l.id as "leaseId", l.kind as "leaseKind", l."poolId" as "leasePoolId", l."grantedAt" as "leaseGrantedAt",
      l."lastActivityAt" + make_interval(secs => ${LEASE_IDLE_SECONDS_SQL}) as "idleReleaseAt",
      case when l."poolId" is null then null else
        (select count(*)::int from "SeatLease" o where o."poolId" = l."poolId" and o."endedAt" is null and
          (o."grantedAt", o.id) <= (l."grantedAt", l.id)) end as "seatNumber",
      case when l."poolId" is null then null else
        (select json_agg(n) from (
          select "userName" as "fromName", at from "SeatEvent"
          where type = 'NUDGE' and "poolId" = l."poolId" and at > greatest(l."grantedAt", now() - interval '10 minutes')
          order by at desc limit 5) n) end as nudges,
      e."endReason" as "lastEndReason", e."endedAt" as "lastEndedAt", e."endNote" as "lastEndNote"
    from (select 1) one
    left join "SeatAssignment" a on a."userId" = ${userId}::text
    left join "SeatPool" ap on ap.id = a."poolId"
    left join "SeatLease" l on l."userId" = ${userId}::text and l."endedAt" is null and l.id not in (select id
      from settled)
    left join "SeatPool" lp on lp.id = l."poolId"
    left join lateral (
      select x."endReason", x."endedAt", x."endNote" from "SeatLease" x
      where l.id is null and x."userId" = ${userId}::text and (${options.endedSince ?? null}::timestamptz is null
        or x."endedAt" >= ${options.endedSince ?? null}::timestamptz)
      order by x.id desc limit 1
    ) e on true`);
  const r = row!;
  const pool =
    r.poolId && !r.poolDeleted
      ? { id: r.poolId, name: r.poolName!, size: r.poolSize!, idleTimeoutSeconds: r.poolIdle! }
      : null;
  const status: SeatStatus = {
    now: r.now,
    heartbeatSeconds: timing.heartbeatSeconds,
    license: r.licenseKind ? { kind: r.licenseKind, pool } : null,
    lease: null,
    lastEnd: null,
    queue: null,
    pool: null,
    nudges: [],
  };

  if (r.leaseId !== null) {
    status.lease = {
      id: r.leaseId.toString(),
      kind: r.leaseKind!,
      grantedAt: r.leaseGrantedAt!,
      seatNumber: r.seatNumber,
      idleReleaseAt: r.idleReleaseAt!,
      warnAt: new Date(r.idleReleaseAt!.getTime() - timing.idleWarningSeconds * 1000),
    };
    status.nudges = (r.nudges ?? []).map((n) => ({ fromName: n.fromName, at: new Date(n.at) }));
    return status;
  }

  // The last ending, if it is news for this sign-in (endedSince).
  if (r.lastEndReason && r.lastEndedAt)
    status.lastEnd = {
      reason: r.lastEndReason,
      at: r.lastEndedAt,
      message: releaseReasonText(r.lastEndReason, r.lastEndNote),
    };

  if (pool) {
    // Keep the line moving for whoever is watching it: reserve freed seats now (skip if another
    // instance is sweeping this pool at this very moment).
    const locked = await lockPool(sql, pool.id, { skipLocked: true });
    if (locked) await sweepPoolIfDue(sql, locked, timing, requestId);
    const [line] = await sql.rows<{
      inUse: number;
      reserved: number;
      position: number | null;
      reservedUntil: Date | null;
    }>(Prisma.sql`
      select
        (select count(*)::int from "SeatLease" where "poolId" = ${pool.id}::text and "endedAt" is null) as "inUse",
        (select count(*)::int from "SeatQueueEntry" where "poolId" = ${pool.id}::text and "endedAt" is null and
          "reservedUntil" > now()) as reserved,
        me.position, me."reservedUntil"
      from (select 1) one left join (
        select (select count(*)::int from "SeatQueueEntry" o where o."poolId" = q."poolId" and o."endedAt" is
          null and (o."enqueuedAt", o.id) <= (q."enqueuedAt", q.id)) as position,
          case when q."reservedUntil" > now() then q."reservedUntil" else null end as "reservedUntil"
        from "SeatQueueEntry" q where q."userId" = ${userId}::text and q."endedAt" is null
      ) me on true`);
    const holders = await poolHolders(sql, pool);
    status.pool = {
      inUse: line!.inUse,
      reserved: line!.reserved,
      size: pool.size,
      holders,
      nextFreeAtLatest: holders.reduce<Date | null>(
        (min, h) => (min === null || h.endsAtLatest < min ? h.endsAtLatest : min),
        null,
      ),
    };
    status.queue = line!.position === null ? null : { position: line!.position, reservedUntil: line!.reservedUntil };
  }
  return status;
}
