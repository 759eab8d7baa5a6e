import "server-only";
import type { TicketType } from "../db/generated/enums";
import { inTransaction, isUniqueViolation, type DbOrTx } from "../db/transaction";
import { AppError } from "../errors";
import { assertMayWorkTicketType } from "../licensing/modules/ticket-modules";
import { TICKET_TYPE_LABEL } from "@/lib/validation/tickets";
import { assertConsoleActor, type TicketActor } from "./actor";
import { displayNumber, ticketNotFound, ticketRefWhere } from "./ticket-ref";

/*
 * Links between tickets, from the one that explains or fixes to the ones it concerns: a problem
 * links its incidents, a change links what it fixes (incidents, problems, requests). Agents
 * only (console). Each link is noted in the history of the ticket it starts from, without a new
 * version: a link never makes someone's field edit stale.
 */
const LINKABLE: Partial<Record<TicketType, readonly TicketType[]>> = {
  PROBLEM: ["INCIDENT"],
  CHANGE: ["INCIDENT", "PROBLEM", "REQUEST"],
};

export async function linkTickets(
  db: DbOrTx,
  actor: TicketActor,
  input: { fromId: string; toRef: string },
): Promise<{ id: string }> {
  assertConsoleActor(actor);
  if (actor.via !== "console") throw new AppError("FORBIDDEN", "Tickets are linked by agents in the console.");
  return inTransaction(db, async (tx) => {
    const select = { id: true, type: true, number: true, version: true } as const;
    const from = await tx.ticket.findUnique({ where: { id: input.fromId }, select });
    if (!from) throw ticketNotFound(input.fromId);
    // A link belongs to the ticket it starts from: linking from a problem or change works that module.
    await assertMayWorkTicketType(tx, actor, from.type);
    const to = await tx.ticket.findUnique({ where: ticketRefWhere(input.toRef), select });
    if (!to) throw new AppError("BAD_REQUEST", `There is no ticket ${input.toRef}.`, undefined, "toRef");
    if (to.id === from.id)
      throw new AppError("BAD_REQUEST", "A ticket cannot be linked to itself.", undefined, "toRef");
    const allowed = LINKABLE[from.type] ?? [];
    if (!allowed.includes(to.type)) {
      const what = allowed.length
        ? `${TICKET_TYPE_LABEL[from.type]}s ` +
          `link ${allowed.map((t) => TICKET_TYPE_LABEL[t].toLowerCase() + "s").join(", ")}`
        : `${TICKET_TYPE_LABEL[from.type]}s do not link other tickets`;
      throw new AppError(
        "BAD_REQUEST",
        `${what}: ${displayNumber(to)} is a ${TICKET_TYPE_LABEL[to.type].toLowerCase()}.`,
        undefined,
        "toRef",
      );
    }
    try {
      const link = await tx.ticketLink.create({
        data: { fromId: from.id, toId: to.id, createdById: actor.id },
        select: { id: true },
      });
      await tx.ticketHistory.create({
        data: {
          ticketId: from.id,
          actorId: actor.id,
          version: from.version,
          field: "link",
          fromValue: null,
          toValue: displayNumber(to),
        },
      });
      return link;
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError(
          "CONFLICT",
          `${displayNumber(from)} is already linked to ${displayNumber(to)}.`,
          undefined,
          "toRef",
        );
      throw error;
    }
  });
}
