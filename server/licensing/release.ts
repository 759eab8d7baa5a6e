import type { Db } from "../db/client";
import { inTransaction, type Tx } from "../db/transaction";
import type { LeaseEndReason } from "../db/generated/enums";
import { lockPool, lockUser, type LockedPool } from "./locks";
import { sweepPool } from "./sweep";
import { recordSeatEvent } from "./events";
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

export function releaseLeaseOfUser(db: Db | Tx, input: ReleaseInput): Promise<ReleaseResult> {
  const timing = seatTiming(input.timing);
  const requestId = input.requestId ?? null;
  return inTransaction(db, async (tx) => {
    const user = await lockUser(tx, input.userId);
    if (!user) return { released: false, leaseId: null };
    const open = await tx.seatLease.findFirst({ where: { userId: user.id, endedAt: null, ...(input.leaseId ? { id: input.leaseId } : {}) }, select: { id: true, kind: true, poolId: true } });
    // Whoever leaves also leaves the waiting line; but ending one given lease that is already
    // gone (an administrator's out-of-date board) touches nothing, not their place in line.
    const entry = input.leaseId && !open ? null : await tx.seatQueueEntry.findFirst({ where: { userId: user.id, endedAt: null }, select: { id: true, poolId: true } });
    if (!open && !entry) return { released: false, leaseId: null };

    // Lock order user -> pool -> lease and line rows, as everywhere: the pools are locked before
    // their rows change (in id order when a lease and a place in line are in different pools).
    const pools: LockedPool[] = [];
    for (const poolId of [...new Set([open?.poolId, entry?.poolId].filter((id): id is string => Boolean(id)))].sort()) {
      const pool = await lockPool(tx, poolId);
      if (pool) pools.push(pool);
    }
    const poolOf = (id: string | null | undefined) => pools.find((p) => p.id === id) ?? null;

    if (entry) {
      // Leaving the line is a queue event like any other (licensing invariant 5), and a seat
      // reserved for this person passes on by the sweep below, not only at the next timer sweep.
      await tx.$executeRaw`update "SeatQueueEntry" set "endedAt" = now(), outcome = 'REMOVED' where id = ${entry.id}`;
      await recordSeatEvent(tx, {
        type: "LEFT_QUEUE", userId: user.id, userName: user.name, actorId: input.actorId ?? null, kind: "CONCURRENT",
        poolId: entry.poolId, poolName: poolOf(entry.poolId)?.name ?? null, reason: input.reason, requestId,
      });
    }

    if (open) {
      // Dated by clock_timestamp(), the moment this statement ends the lease, not now() (when
      // this transaction began): the UPDATE may have waited for a fenced write holding the
      // lease row, and the end must not be recorded before that write, nor before a grant that
      // this release made possible (checkout-race.test.ts, "recorded history").
      const [ended] = await tx.$queryRaw<[{ endedAt: Date }]>`
        update "SeatLease" set "endedAt" = clock_timestamp(), "endReason" = ${input.reason}::"LeaseEndReason", "endNote" = ${input.note ?? null}, "endedById" = ${input.actorId ?? null}
        where id = ${open.id} returning "endedAt"`;
      const pool = poolOf(open.poolId);
      await recordSeatEvent(tx, {
        type: "RELEASED", at: ended.endedAt, userId: user.id, userName: user.name, actorId: input.actorId ?? null, kind: open.kind,
        poolId: pool?.id ?? null, poolName: pool?.name ?? null, leaseId: open.id, reason: input.reason, requestId,
        details: input.note ? { note: input.note } : undefined,
      });
    }
    for (const pool of pools) await sweepPool(tx, pool, timing, requestId);
    return { released: Boolean(open), leaseId: open?.id ?? null };
  });
}

/** Reasons after which the agent must acknowledge before a write takes a seat again. */
export const REASONS_NEEDING_ACKNOWLEDGEMENT: readonly LeaseEndReason[] = ["ADMIN", "LICENSE_REMOVED", "ACCOUNT_DISABLED", "POOL_DELETED"];

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
