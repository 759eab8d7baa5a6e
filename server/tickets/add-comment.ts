import { inTransaction, type DbOrTx } from "../db/transaction";
import { assertMayWorkTicketType } from "../licensing/modules/ticket-modules";
import type { TicketType } from "../db/generated/enums";
import { AppError } from "../errors";
import { addCommentInput, type AddCommentInput } from "@/lib/validation/tickets";
import { assertConsoleActor, ticketNotFound, type TicketActor } from "./actor";

/**
 * Adds a public reply (the requester from the portal, or an agent) or an internal work note
 * (agents in the console only: anyone asking for one from the portal is refused). An agent's
 * first public reply dates the first response (the SLA response target). Replies refresh the
 * ticket's updatedAt (lists show the last update) but not its version: a reply never makes
 * someone's field edit stale. Times come from the database clock.
 */
export async function addComment(
  db: DbOrTx,
  actor: TicketActor,
  rawInput: AddCommentInput,
): Promise<{ id: string; createdAt: Date }> {
  assertConsoleActor(actor);
  const input = addCommentInput.parse(rawInput);
  if (input.internal && actor.via === "portal") {
    throw new AppError(
      "FORBIDDEN",
      "Internal work notes are written by agents in the console. Write a reply instead.",
      undefined,
      "internal",
    );
  }
  return inTransaction(db, async (tx) => {
    const rows = await tx.$queryRaw<{ requesterId: string; status: string; type: TicketType; now: Date }[]>`
      select "requesterId", "status"::text as status, type, now() as now from "Ticket" where "id" = ${input.ticketId} for no key update`;
    const ticket = rows[0];
    if (!ticket || (actor.via === "portal" && ticket.requesterId !== actor.id)) throw ticketNotFound(input.ticketId);
    await assertMayWorkTicketType(tx, actor, ticket.type);
    if (ticket.status === "CLOSED" || ticket.status === "CANCELLED") {
      throw new AppError(
        "BAD_REQUEST",
        `This ticket is ${ticket.status === "CLOSED" ? "closed" : "cancelled"}: open a new ticket and mention this one.`,
        undefined,
        "body",
      );
    }
    const comment = await tx.ticketComment.create({
      data: {
        ticketId: input.ticketId,
        authorId: actor.id,
        body: input.body,
        internal: input.internal,
        createdAt: ticket.now,
      },
      select: { id: true, createdAt: true },
    });
    await tx.ticket.update({ where: { id: input.ticketId }, data: { updatedAt: ticket.now } });
    if (actor.via === "console" && !input.internal && actor.id !== ticket.requesterId) {
      await tx.ticket.updateMany({
        where: { id: input.ticketId, firstRespondedAt: null },
        data: { firstRespondedAt: ticket.now },
      });
    }
    return comment;
  });
}
