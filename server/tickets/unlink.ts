import "server-only";
import { inTransaction, type DbOrTx } from "../db/transaction";
import { AppError } from "../errors";
import { assertMayWorkTicketType } from "../licensing/modules/ticket-modules";
import { assertConsoleActor, type TicketActor } from "./actor";
import { displayNumber } from "./ticket-ref";

/**
 * Removes a link between two tickets (console only), noted in the history of the ticket it
 * started from like the link itself, without a new version (see links.ts).
 */
export async function unlinkTickets(
  db: DbOrTx,
  actor: TicketActor,
  input: { linkId: string },
): Promise<{ fromId: string; toId: string }> {
  assertConsoleActor(actor);
  if (actor.via !== "console") throw new AppError("FORBIDDEN", "Tickets are unlinked by agents in the console.");
  return inTransaction(db, async (tx) => {
    const link = await tx.ticketLink.findUnique({
      where: { id: input.linkId },
      select: {
        id: true,
        from: { select: { id: true, type: true, version: true } },
        to: { select: { id: true, type: true, number: true } },
      },
    });
    if (!link) throw new AppError("NOT_FOUND", "This link was already removed. Reload the ticket to see its links.");
    await assertMayWorkTicketType(tx, actor, link.from.type); // as linking (links.ts)
    await tx.ticketLink.delete({ where: { id: link.id } });
    await tx.ticketHistory.create({
      data: {
        ticketId: link.from.id,
        actorId: actor.id,
        version: link.from.version,
        field: "link",
        fromValue: displayNumber(link.to),
        toValue: null,
      },
    });
    return { fromId: link.from.id, toId: link.to.id };
  });
}
