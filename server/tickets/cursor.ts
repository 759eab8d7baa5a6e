import { AppError } from "../errors";

/*
 * Ticket lists run newest-updated first, ordered by (updatedAt, id) so a page boundary is exact
 * even when many tickets share a millisecond. The cursor is the last row's pair.
 */
export type TicketCursor = { updatedAt: Date; id: string };

export const encodeCursor = (row: TicketCursor) => `${row.updatedAt.toISOString()}_${row.id}`;

export function decodeCursor(cursor: string): TicketCursor {
  const at = cursor.indexOf("_");
  const updatedAt = new Date(cursor.slice(0, at));
  const id = cursor.slice(at + 1);
  if (at < 0 || Number.isNaN(updatedAt.getTime()) || !id)
    throw new AppError(
      "BAD_REQUEST",
      "This page link is no longer valid. Start from the first page.",
      undefined,
      "cursor",
    );
  return { updatedAt, id };
}
