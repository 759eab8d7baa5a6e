import "server-only";
import type { Tx } from "../db/transaction";
import { recordApprovalRequestedMail } from "../mail/events";

/*
 * Who hears that approval is requested: called after approval is requested, inside the
 * transaction that requested it, with the approvals just asked for. Each approver is mailed
 * through the mail outbox (server/mail/events.ts: the event commits with the request, or not at
 * all); a group's approval reaches each of its members, never the person who asked. Listeners
 * (tests, later integrations) must not throw for a delivery problem.
 */

export type ApprovalRequested = {
  ticketId: string;
  round: number;
  afterTheFact: boolean;
  /** The approvals now waiting for a decision (in STEPS, only the first step's). */
  approvals: { id: string; approverId: string | null; groupId: string | null }[];
};

type Listener = (event: ApprovalRequested) => Promise<void> | void;
const listeners: Listener[] = [];

export function onApprovalRequested(listener: Listener): () => void {
  listeners.push(listener);
  return () => void listeners.splice(listeners.indexOf(listener), 1);
}

export async function approvalRequested(tx: Tx, requestedById: string, event: ApprovalRequested): Promise<void> {
  const groupIds = event.approvals.flatMap((a) => (a.groupId ? [a.groupId] : []));
  const members = groupIds.length
    ? await tx.groupMember.findMany({ where: { groupId: { in: groupIds } }, select: { userId: true } })
    : [];
  const approverIds = [
    ...new Set([
      ...event.approvals.flatMap((a) => (a.approverId ? [a.approverId] : [])),
      ...members.map((m) => m.userId),
    ]),
  ].filter((id) => id !== requestedById);
  if (approverIds.length)
    await recordApprovalRequestedMail(tx, { ticketId: event.ticketId, requestedById, approverIds });
  for (const listener of listeners) await listener(event);
}
