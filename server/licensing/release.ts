import "server-only";
import { Prisma } from "../db/generated/client";
import { inSqlTransaction, type SqlTarget } from "../db/sql";
import type { LeaseEndReason, SeatKind } from "../db/generated/enums";
import { lockPool, lockUser, type LockedPool } from "./locks";
import { sweepPoolIfDue } from "./sweep";
import { seatTiming, type SeatTiming } from "./timing";

/*
 * Ending a lease on purpose: sign-out, an administrator, a removed license or a disabled
 * account. Timeouts are ended by the sweep instead. The freed seat is reserved for the first
 * agent in line in the same transaction, so they hear of it within one poll.
 */

export type ReleaseInput = {
  userId: string;
  reason: LeaseEndReason;
  actorId?: string | null;
  note?: string | null;
  requestId?: string | null;
  /** Only end this lease (an admin acting on a board that may be out of date). */
  leaseId?: bigint;
  timing?: Partial<SeatTiming>;
};

export type ReleaseResult = { released: boolean; leaseId: bigint | null };

type Found = {
  leaseId: bigint | null;
  leaseKind: SeatKind | null;
  leasePoolId: string | null;
  entryId: bigint | null;
  entryPoolId: string | null;
};

export function releaseLeaseOfUser(db: SqlTarget, input: ReleaseInput): Promise<ReleaseResult> {
  const timing = seatTiming(input.timing);
  const requestId = input.requestId ?? null;
  const actorId = input.actorId ?? null;
  return inSqlTransaction(db, async (sql) => {
    const user = await lockUser(sql, input.userId);
    if (!user) return { released: false, leaseId: null };
    // Whoever leaves also leaves the waiting line; but ending one given lease that is already
    // gone (an administrator's out-of-date board) touches nothing, not their place in line.
    const [found] = await sql.rows<Found>(Prisma.sql`
      select l.id as "leaseId", l.kind as "leaseKind", l."poolId" as "leasePoolId", q.id as "entryId", q."poolId"
        as "entryPoolId"
      from (select 1) one
      left join "SeatLease" l on l."userId" = ${user.id}::text and l."endedAt" is null and
        (${input.leaseId ?? null}::bigint is null or l.id = ${input.leaseId ?? null}::bigint)
      left join "SeatQueueEntry" q on q."userId" = ${user.id}::text and q."endedAt" is null and
        (${input.leaseId ?? null}::bigint is null or l.id is not null)`);
    const open =
      found?.leaseId != null ? { id: found.leaseId, kind: found.leaseKind!, poolId: found.leasePoolId } : null;
    const entry = found?.entryId != null ? { id: found.entryId, poolId: found.entryPoolId! } : null;
    if (!open && !entry) return { released: false, leaseId: null };

    // Lock order user -> pool -> lease and line rows, as everywhere: the pools are locked before
    // their rows change (in id order when a lease and a place in line are in different pools).
    const pools: LockedPool[] = [];
    for (const poolId of [...new Set([open?.poolId, entry?.poolId].filter((id): id is string => Boolean(id)))].sort()) {
      const pool = await lockPool(sql, poolId);
      if (pool) pools.push(pool);
    }
    const poolOf = (id: string | null | undefined) => pools.find((p) => p.id === id) ?? null;
    const leasePool = poolOf(open?.poolId);
    const details = input.note ? JSON.stringify({ note: input.note }) : null;

    // One statement. Leaving the line is a queue event like any other (licensing invariant 5),
    // and a seat reserved for this person passes on by the sweep below. The lease's end is
    // dated by clock_timestamp(), the moment this statement ends it, not now() (when this
    // transaction began): it may have waited for a fenced write holding the lease row, and the
    // end must not be recorded before that write, nor before a grant that this release made
    // possible (checkout-race.test.ts, "recorded history"). A lease a sweep ended while this
    // waited for the pool is not ended (nor recorded) twice.
    const ended = await sql.rows<{ id: bigint }>(Prisma.sql`
      with left_line as (
        update "SeatQueueEntry" set "endedAt" = now(), outcome = 'REMOVED' where id = ${entry?.id ?? null}::bigint
        returning id
      ), left_event as (
        insert into "SeatEvent" (type, at, "recordedAt", "userId", "userName", "actorId", kind, "poolId",
          "poolName", reason, "requestId")
        select 'LEFT_QUEUE', clock_timestamp(), clock_timestamp(), ${user.id}::text, ${user.name}::text,
          ${actorId}::text, 'CONCURRENT',
          ${entry?.poolId ?? null}::text, ${poolOf(entry?.poolId)?.name ?? null}::text, ${input.reason}::text,
            ${requestId}::text
        from left_line
      ), ended as (
        update "SeatLease" set "endedAt" = clock_timestamp(), "endReason" = ${input.reason}::"LeaseEndReason",
          "endNote" = ${input.note ?? null}::text, "endedById" = ${actorId}::text
        where id = ${open?.id ?? null}::bigint and "endedAt" is null
        returning id, "endedAt"
      ), released_event as (
        insert into "SeatEvent" (type, at, "recordedAt", "userId", "userName", "actorId", kind, "poolId",
          "poolName", "leaseId", reason, "requestId", details)
        select 'RELEASED', e."endedAt", clock_timestamp(), ${user.id}::text, ${user.name}::text,
          ${actorId}::text, ${open?.kind ?? null}::"SeatKind",
          ${leasePool?.id ?? null}::text, ${leasePool?.name ?? null}::text, e.id, ${input.reason}::text,
            ${requestId}::text, ${details}::jsonb
        from ended e
      )
      select id from ended`);
    for (const pool of pools) await sweepPoolIfDue(sql, pool, timing, requestId);
    const leaseId = ended[0]?.id ?? null;
    return { released: leaseId !== null, leaseId };
  });
}

/** Reasons after which the agent must acknowledge before a write takes a seat again. */
export const REASONS_NEEDING_ACKNOWLEDGEMENT: readonly LeaseEndReason[] = [
  "ADMIN",
  "LICENSE_REMOVED",
  "ACCOUNT_DISABLED",
  "POOL_DELETED",
];

export function releaseReasonText(reason: LeaseEndReason, note?: string | null): string {
  const base: Record<LeaseEndReason, string> = {
    SIGN_OUT: "You signed out.",
    CLOSED: "Every tab of the console was closed for a while.",
    IDLE: "There was no activity for the pool's idle timeout.",
    ADMIN: "An administrator ended your seat.",
    LICENSE_REMOVED: "Your seat license was removed.",
    ACCOUNT_DISABLED: "Your account was disabled.",
    POOL_DELETED: "Your seat pool was deleted.",
  };
  return note ? `${base[reason]} Reason: ${note}` : base[reason];
}
