import type { DbOrTx } from "../../server/db/transaction";
import type { CommentRow, HistoryRow, LinkRow, TicketRow } from "./ticket-story";

/*
 * Bulk inserts for the demo: each table's rows travel as one JSON parameter, unpacked by
 * json_populate_recordset into the table's own row type (so PostgreSQL casts enums and times),
 * in slices to keep each statement's parameter a few MB. Thousands of rows per statement
 * instead of one Prisma create each.
 */

type Client = DbOrTx;

const TICKET_COLUMNS = [
  "id",
  "type",
  "number",
  "title",
  "description",
  "requesterId",
  "categoryId",
  "groupId",
  "assigneeId",
  "impact",
  "urgency",
  "priority",
  "status",
  "version",
  "createdAt",
  "updatedAt",
  "firstRespondedAt",
  "resolvedAt",
  "closedAt",
  "pendingSince",
  "pausedSeconds",
  "responseDueAt",
  "resolutionDueAt",
  "pausedResponseDueAt",
  "pausedResolutionDueAt",
  "slaResponseMinutes",
  "slaResolutionMinutes",
  "slaAroundTheClock",
] as const satisfies readonly (keyof TicketRow)[];
const COMMENT_COLUMNS = [
  "id",
  "ticketId",
  "authorId",
  "body",
  "internal",
  "createdAt",
] as const satisfies readonly (keyof CommentRow)[];
// The id is a bigserial: rows are inserted in time order so ids follow time.
const HISTORY_COLUMNS = [
  "ticketId",
  "actorId",
  "version",
  "field",
  "fromValue",
  "toValue",
  "at",
] as const satisfies readonly (keyof HistoryRow)[];
const LINK_COLUMNS = ["id", "fromId", "toId", "createdById", "createdAt"] as const satisfies readonly (keyof LinkRow)[];

async function insertJson(
  db: Client,
  table: string,
  columns: readonly string[],
  rows: object[],
  slice = 5000,
): Promise<void> {
  const list = columns.map((c) => `"${c}"`).join(", ");
  for (let i = 0; i < rows.length; i += slice) {
    const json = JSON.stringify(rows.slice(i, i + slice));
    await db.$executeRawUnsafe(
      `insert into "${table}" (${list}) select ${list} from json_populate_recordset(null::"${table}", $1::json)`,
      json,
    );
  }
}

export async function insertDemoTickets(
  db: Client,
  data: { tickets: TicketRow[]; comments: CommentRow[]; history: HistoryRow[]; links: LinkRow[] },
): Promise<void> {
  const byTime = <T>(rows: T[], at: (r: T) => Date) => [...rows].sort((a, b) => at(a).getTime() - at(b).getTime());
  await insertJson(db, "Ticket", TICKET_COLUMNS, data.tickets);
  await insertJson(
    db,
    "TicketComment",
    COMMENT_COLUMNS,
    byTime(data.comments, (c) => c.createdAt),
  );
  await insertJson(
    db,
    "TicketHistory",
    HISTORY_COLUMNS,
    byTime(data.history, (h) => h.at),
  );
  await insertJson(db, "TicketLink", LINK_COLUMNS, data.links);
}
