import "server-only";
import type { Prisma } from "../db/client";
import { AppError } from "../errors";
import { formatTicketNumber, parseTicketNumber } from "@/lib/validation/tickets";

/*
 * A ticket as people name it: by id or by number ("INC-000123"), and the answer when it is not
 * one the reader may see.
 */

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

/** A ticket's number as people read it: "INC-000123". */
export const displayNumber = (ticket: { type: Parameters<typeof formatTicketNumber>[0]; number: number }) =>
  formatTicketNumber(ticket.type, ticket.number);
