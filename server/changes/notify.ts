/*
 * The seam for notifications (the mail work plugs in here): called after approval is requested,
 * inside the transaction that requested it, with the approvals just asked for. Listeners must not
 * throw for a delivery problem (queue the mail, do not send it here: the transaction may still roll
 * back). No listener is registered by default.
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

export async function approvalRequested(event: ApprovalRequested): Promise<void> {
  for (const listener of listeners) await listener(event);
}
