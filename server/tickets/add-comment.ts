import "server-only";
import { inTransaction, type DbOrTx } from "../db/transaction";
import { assertMayWorkTicketType } from "../licensing/modules/ticket-modules";
import { AppError } from "../errors";
import { recordMailEvent } from "../mail/events";
import {
  addCommentInput,
  formatTicketNumber,
  type AddCommentInput,
  type TicketTypeValue,
} from "@/lib/validation/tickets";
import { assertConsoleActor, type TicketActor } from "./actor";
import { ticketNotFound } from "./ticket-ref";
import { recordApiStamp, stampedBody } from "./api-stamp";
import { enqueueTicketEvent } from "../webhooks/outbox";

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
    const rows = await tx.$queryRaw<
      { requesterId: string; status: string; now: Date; version: number; type: TicketTypeValue; number: number }[]
    >`
      select "requesterId", "status"::text as status, now() as now, "version", "type"::text as type, "number"
        from "Ticket" where "id" = ${input.ticketId} for no key update`;
    const ticket = rows[0];
    if (!ticket || (actor.via === "portal" && ticket.requesterId !== actor.id)) throw ticketNotFound(input.ticketId);
    await assertMayWorkTicketType(tx, actor, ticket.type);
    if (ticket.status === "CLOSED" || ticket.status === "CANCELLED") {
      throw new AppError(
        "BAD_REQUEST",
        `This ticket is ${ticket.status === "CLOSED" ? "closed" : "cancelled"}: open a new ticket and ` +
          `mention this one.`,
        undefined,
        "body",
      );
    }
    const comment = await tx.ticketComment.create({
      data: {
        ticketId: input.ticketId,
        authorId: actor.id,
        body: stampedBody(input.body, actor),
        internal: input.internal,
        createdAt: ticket.now,
      },
      select: { id: true, createdAt: true, body: true },
    });
    await tx.ticket.update({ where: { id: input.ticketId }, data: { updatedAt: ticket.now } });
    await recordMailEvent(tx, {
      kind: "ticket.commented",
      ticketId: input.ticketId,
      actorId: actor.id,
      commentId: comment.id,
    });
    const what = input.internal ? "wrote an internal note" : "replied";
    await enqueueTicketEvent(
      tx,
      "TICKET_REPLIED",
      { id: input.ticketId, displayNumber: formatTicketNumber(ticket.type, Number(ticket.number)) },
      {
        internal: input.internal,
        data: { comment: { id: comment.id, body: comment.body, internal: input.internal, authorId: actor.id } },
      },
    );
    await recordApiStamp(tx, actor, { ticketId: input.ticketId, version: ticket.version, what, at: ticket.now });
    if (actor.via === "console" && !input.internal && actor.id !== ticket.requesterId) {
      await tx.ticket.updateMany({
        where: { id: input.ticketId, firstRespondedAt: null },
        data: { firstRespondedAt: ticket.now },
      });
    }
    return { id: comment.id, createdAt: comment.createdAt };
  });
}
