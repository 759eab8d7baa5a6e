import type { Db } from "../db/client";
import { inTransaction, type Tx } from "../db/transaction";
import type { LeaseEndReason } from "../db/generated/enums";
import { lockPool, lockUser } from "./locks";
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
    // Whoever leaves also leaves the waiting line.
    await tx.seatQueueEntry.updateMany({ where: { userId: user.id, endedAt: null }, data: { endedAt: new Date(), outcome: "REMOVED" } });
    if (!open) return { released: false, leaseId: null };

    const pool = open.poolId ? await lockPool(tx, open.poolId) : null;
    await tx.$executeRaw`update "SeatLease" set "endedAt" = now(), "endReason" = ${input.reason}::"LeaseEndReason", "endNote" = ${input.note ?? null}, "endedById" = ${input.actorId ?? null} where id = ${open.id}`;
    await recordSeatEvent(tx, {
      type: "RELEASED", userId: user.id, userName: user.name, actorId: input.actorId ?? null, kind: open.kind,
      poolId: pool?.id ?? null, poolName: pool?.name ?? null, leaseId: open.id, reason: input.reason, requestId,
      details: input.note ? { note: input.note } : undefined,
    });
    if (pool) await sweepPool(tx, pool, timing, requestId);
    return { released: true, leaseId: open.id };
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
