import type { Prisma } from "../db/client";
import type { Role } from "../db/generated/enums";
import type { DbOrTx } from "../db/transaction";
import { AppError } from "../errors";
import { formatTicketNumber, parseTicketNumber } from "@/lib/validation/tickets";
import { isAgentRole } from "@/lib/auth/roles";

/**
 * Who reads a ticket: end users see only their own tickets and public replies, agents and
 * administrators see everything (reading needs no seat).
 */
export type TicketViewer = { id: string; role: Role };

/**
 * Who changes a ticket, and through which door. The portal (no seat, protectedProcedure) gives
 * everyone, agents included, only a requester's powers over their own tickets. The console
 * (seatedProcedure) gives an agent's powers and needs the AGENT or ADMIN role: so an agent
 * without a seat cannot do agent work through the portal.
 */
export type TicketActor = TicketViewer & {
  via: "portal" | "console";
  /** Set when a program acts for this person through an API account: "via Chat hub for Ana Ruiz, E-10422". */
  stamp?: string;
};

export { isAgentRole } from "@/lib/auth/roles";

/** Throws unless a console actor is an agent or administrator. */
export function assertConsoleActor(actor: TicketActor): void {
  if (actor.via === "console" && !isAgentRole(actor.role)) {
    throw new AppError("FORBIDDEN", "Only agents and administrators work tickets in the console.");
  }
}

/** Someone else's ticket is "not found" to an end user, so its existence is not revealed. */
export function ticketNotFound(ref: string): AppError {
  const number = parseTicketNumber(ref);
  return new AppError(
    "NOT_FOUND",
    number
      ? `No ticket ${formatTicketNumber(number.type, number.number)} was found among the tickets you can see.`
      : "This ticket was not found among the tickets you can see.",
  );
}

/** A where-clause for a ticket named by id or number ("INC-000123"). */
export function ticketRefWhere(ref: string): Prisma.TicketWhereUniqueInput {
  const parsed = parseTicketNumber(ref);
  return parsed ? { type_number: parsed } : { id: ref };
}

export const displayNumber = (ticket: { type: Parameters<typeof formatTicketNumber>[0]; number: number }) =>
  formatTicketNumber(ticket.type, ticket.number);

/** The database clock, so times agree across app instances. */
export async function dbNow(db: DbOrTx): Promise<Date> {
  const rows = await db.$queryRaw<{ now: Date }[]>`select now() as now`;
  return rows[0]!.now;
}
