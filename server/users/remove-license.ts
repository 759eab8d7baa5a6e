import "server-only";
import type { Tx } from "../db/transaction";
import { recordSeatEvent } from "../licensing/events";
import { releaseLeaseOfUser } from "../licensing/release";
import type { Actor } from "./actor";

/**
 * Takes a person's seat license away (named seat or pool membership): the assignment row goes,
 * the seat they hold is released with LICENSE_REMOVED (their next action says so) and they
 * leave any waiting line. Call inside a transaction that holds the person's row lock.
 * Returns whether there was a license to remove.
 */
export async function removeSeatLicense(tx: Tx, userId: string, actor: Actor, note: string): Promise<boolean> {
  const assignment = await tx.seatAssignment.findUnique({
    where: { userId },
    select: { kind: true, pool: { select: { id: true, name: true } }, user: { select: { name: true } } },
  });
  if (assignment) await tx.seatAssignment.delete({ where: { userId } });
  // Also without an assignment: a lease or a place in line must not outlive the license.
  await releaseLeaseOfUser(tx, {
    userId,
    reason: "LICENSE_REMOVED",
    note,
    actorId: actor.userId,
    requestId: actor.requestId,
  });
  if (!assignment) return false;
  await recordSeatEvent(tx, {
    type: "ADMIN_ACTION",
    userId,
    userName: assignment.user.name,
    actorId: actor.userId,
    kind: assignment.kind,
    poolId: assignment.pool?.id ?? null,
    poolName: assignment.pool?.name ?? null,
    reason: "license removed",
    requestId: actor.requestId ?? null,
    details: { note },
  });
  return true;
}
