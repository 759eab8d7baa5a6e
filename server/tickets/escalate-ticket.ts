import "server-only";
import type { DbOrTx } from "../db/transaction";
import { AppError } from "../errors";
import { escalateTicketInput, type EscalateTicketInput } from "@/lib/validation/tickets";
import { displayNumber, ticketNotFound } from "./ticket-ref";
import { type TicketActor } from "./actor";
import { updateTicket } from "./update-ticket";

/**
 * Sends a ticket to another group (from the Service Desk to a specialist group, or back), always
 * with a note of why, kept as an internal work note. Unless an assignee of the new group is named,
 * the ticket leaves its assignee and waits, New, for the group to pick it up. The edit names the
 * version the agent saw, like any other (updateTicket answers a stale one with CONFLICT).
 */
export async function escalateTicket(db: DbOrTx, actor: TicketActor, rawInput: EscalateTicketInput) {
  const input = escalateTicketInput.parse(rawInput);
  const ticket = await db.ticket.findUnique({
    where: { id: input.id },
    select: { type: true, number: true, version: true, group: { select: { id: true, name: true } } },
  });
  if (!ticket) throw ticketNotFound(input.id);
  // Only meaningful when the agent saw the current group: a stale view gets updateTicket's CONFLICT.
  if (ticket.version === input.expectedVersion && ticket.group?.id === input.groupId) {
    throw new AppError(
      "BAD_REQUEST",
      `${displayNumber(ticket)} is already with ${ticket.group.name}. Choose another group.`,
      undefined,
      "groupId",
    );
  }
  return updateTicket(db, actor, {
    id: input.id,
    expectedVersion: input.expectedVersion,
    changes: { groupId: input.groupId, assigneeId: input.assigneeId ?? null },
    note: input.note,
  });
}
