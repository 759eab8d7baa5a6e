import "server-only";
import { AppError } from "../errors";
import { isReasonableDate } from "@/lib/validation/common";

/*
 * Ticket lists run newest-updated first, ordered by (updatedAt, id) so a page boundary is exact
 * even when many tickets share a millisecond. The cursor is the last row's pair.
 */
export type TicketCursor = { updatedAt: Date; id: string };

export const encodeCursor = (row: TicketCursor) => `${row.updatedAt.toISOString()}_${row.id}`;

/** What encodeCursor writes: an ISO instant (years 1900-9999, as the database keeps) and a cuid-like id. */
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([A-Za-z0-9_-]{1,64})$/;

/** A cursor as written by encodeCursor; anything else (a forged or cut one) is a 400, never a database error. */
export function decodeCursor(cursor: string): TicketCursor {
  const match = CURSOR.exec(cursor);
  const updatedAt = new Date(match?.[1] ?? NaN);
  const id = match?.[2];
  if (!id || !isReasonableDate(updatedAt))
    throw new AppError(
      "BAD_REQUEST",
      "This page link is no longer valid. Start from the first page.",
      undefined,
      "cursor",
    );
  return { updatedAt, id };
}
