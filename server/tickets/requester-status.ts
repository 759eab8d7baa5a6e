import "server-only";
import type { TicketStatus } from "../db/generated/enums";
import { inTransaction, type DbOrTx } from "../db/transaction";
import { AppError } from "../errors";
import {
  confirmResolutionInput,
  reopenTicketInput,
  TICKET_STATUS_LABEL,
  type ReopenTicketInput,
} from "@/lib/validation/tickets";
import { displayNumber, ticketNotFound } from "./ticket-ref";
import { type TicketActor } from "./actor";
import { updateTicket } from "./update-ticket";

/*
 * The requester's two answers to a resolution, from the portal:
 * - confirm it: Resolved -> Closed;
 * - reopen it, saying what is still wrong (kept as a public reply): Resolved -> In progress,
 *   within the auto-close window (the workflow in ./workflow.ts decides; a Closed ticket cannot
 *   be reopened and the refusal says to open a new one).
 * Both act on the ticket as it is now, not on a version the requester saw: a requester does not
 * edit fields, and the status check below is made under the row lock, so an agent's reopen in
 * between turns a late "confirm" into a clear refusal rather than a silent close.
 */

type Found = {
  id: string;
  type: Parameters<typeof displayNumber>[0]["type"];
  number: number;
  status: TicketStatus;
  version: number;
};

async function lockOwnTicket(db: DbOrTx, actor: TicketActor, ticketId: string): Promise<Found> {
  const rows = await db.$queryRaw<
    { id: string }[]
  >`select "id" from "Ticket" where "id" = ${ticketId} for no key update`;
  const ticket = rows.length
    ? await db.ticket.findUnique({
        where: { id: ticketId },
        select: { id: true, type: true, number: true, status: true, version: true, requesterId: true },
      })
    : null;
  if (!ticket || ticket.requesterId !== actor.id) throw ticketNotFound(ticketId);
  return ticket;
}

export async function confirmResolution(db: DbOrTx, actor: TicketActor, rawInput: { ticketId: string }) {
  const input = confirmResolutionInput.parse(rawInput);
  return inTransaction(db, async (tx) => {
    const ticket = await lockOwnTicket(tx, actor, input.ticketId);
    if (ticket.status === "CLOSED")
      throw new AppError(
        "BAD_REQUEST",
        `${displayNumber(ticket)} is already closed.`,
        { from: ticket.status },
        "status",
      );
    if (ticket.status !== "RESOLVED") {
      throw new AppError(
        "BAD_REQUEST",
        `${displayNumber(ticket)} is ${TICKET_STATUS_LABEL[ticket.status]}, not resolved: there is no ` +
          `resolution to confirm yet.`,
        { from: ticket.status },
        "status",
      );
    }
    return updateTicket(tx, actor, { id: ticket.id, expectedVersion: ticket.version, changes: { status: "CLOSED" } });
  });
}

export async function reopenTicket(db: DbOrTx, actor: TicketActor, rawInput: ReopenTicketInput) {
  const input = reopenTicketInput.parse(rawInput);
  return inTransaction(db, async (tx) => {
    const ticket = await lockOwnTicket(tx, actor, input.ticketId);
    if (ticket.status !== "RESOLVED" && ticket.status !== "CLOSED" && ticket.status !== "CANCELLED") {
      throw new AppError(
        "BAD_REQUEST",
        `${displayNumber(ticket)} is ${TICKET_STATUS_LABEL[ticket.status]}: it is still open, so there is ` +
          `nothing to reopen. Add a reply instead.`,
        { from: ticket.status },
        "status",
      );
    }
    // Closed and Cancelled are refused by the workflow, with its message.
    return updateTicket(tx, actor, {
      id: ticket.id,
      expectedVersion: ticket.version,
      changes: { status: "IN_PROGRESS" },
      note: input.reason,
    });
  });
}
