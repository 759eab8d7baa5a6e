import "server-only";
import type { DbOrTx } from "../db/transaction";
import { Prisma } from "../db/generated/client";
import type { SeatEventType, SeatKind } from "../db/generated/enums";
import { AppError } from "../errors";
import { SEAT_HISTORY_MAX_PAGE, type SeatHistoryFilter } from "@/lib/validation/seat-history";
import { describeSeatEvent } from "./event-text";
import { csvRow } from "./csv";
import { likeLiteral } from "../db/like";

/*
 * The seat history (SeatEvent, append-only) for administrators: a page at a time for the
 * screen, or every matching row as CSV. Both walk the events by id, newest first, with the id of
 * the last row as the cursor: stable while new events arrive (they get higher ids, so they never
 * shift a page) and cheap at any depth, unlike offsets.
 */

export type SeatEventRow = {
  id: string;
  at: Date;
  type: SeatEventType;
  userId: string | null;
  userName: string | null;
  /** The person's current email, when their account still exists. */
  userEmail: string | null;
  actorId: string | null;
  actorName: string | null;
  kind: SeatKind | null;
  poolId: string | null;
  poolName: string | null;
  leaseId: string | null;
  reason: string | null;
  requestId: string | null;
  details: unknown;
  /** The event in one sentence, for people. */
  summary: string;
};

export type SeatEventPage = { items: SeatEventRow[]; nextCursor: string | null };

type RawRow = Omit<SeatEventRow, "id" | "leaseId" | "summary"> & { id: bigint; leaseId: bigint | null };

/** `%` and `_` typed by the person are searched for literally. */
function containsPattern(text: string): string {
  return `%${likeLiteral(text)}%`;
}

function whereClause(filter: SeatHistoryFilter, before: bigint | null): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (before !== null) conditions.push(Prisma.sql`e.id < ${before}`);
  if (filter.poolId) conditions.push(Prisma.sql`e."poolId" = ${filter.poolId}`);
  if (filter.userQuery) {
    // The name as it was when the event happened, or the account's current name or email.
    const pattern = containsPattern(filter.userQuery);
    conditions.push(
      Prisma.sql`(e."userName" ilike ${pattern} or e."userId" in (select id from "User" where name ilike
        ${pattern} or email ilike ${pattern}))`,
    );
  }
  if (filter.from) conditions.push(Prisma.sql`e.at >= ${filter.from}`);
  if (filter.to) conditions.push(Prisma.sql`e.at <= ${filter.to}`);
  if (filter.types?.length)
    conditions.push(Prisma.sql`e.type in (${Prisma.join(filter.types.map((t) => Prisma.sql`${t}::"SeatEventType"`))})`);
  return conditions.length ? Prisma.sql`where ${Prisma.join(conditions, " and ")}` : Prisma.empty;
}

async function queryEvents(
  db: DbOrTx,
  filter: SeatHistoryFilter,
  before: bigint | null,
  limit: number,
): Promise<RawRow[]> {
  return db.$queryRaw<RawRow[]>`
    select e.id, e.at, e.type, e."userId", e."userName", u.email as "userEmail", e."actorId", a.name as "actorName",
      e.kind, e."poolId", e."poolName", e."leaseId", e.reason, e."requestId", e.details
    from "SeatEvent" e left join "User" u on u.id = e."userId" left join "User" a on a.id = e."actorId"
    ${whereClause(filter, before)}
    order by e.id desc
    limit ${limit}`;
}

function toRow(raw: RawRow): SeatEventRow {
  return { ...raw, id: raw.id.toString(), leaseId: raw.leaseId?.toString() ?? null, summary: describeSeatEvent(raw) };
}

export type ListSeatEventsInput = SeatHistoryFilter & { cursor?: string | null; limit?: number };

export async function listSeatEvents(db: DbOrTx, input: ListSeatEventsInput): Promise<SeatEventPage> {
  const limit = input.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > SEAT_HISTORY_MAX_PAGE) {
    throw new AppError(
      "BAD_REQUEST",
      `Ask for 1 to ${SEAT_HISTORY_MAX_PAGE} events per page (not ${limit}).`,
      undefined,
      "limit",
    );
  }
  if (input.cursor && !/^\d{1,19}$/.test(input.cursor))
    throw new AppError("BAD_REQUEST", "That page cursor is not valid.", undefined, "cursor");
  const rows = await queryEvents(db, input, input.cursor ? BigInt(input.cursor) : null, limit + 1);
  const items = rows.slice(0, limit).map(toRow);
  return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null };
}

export const SEAT_EVENT_CSV_HEADER = [
  "time",
  "type",
  "person",
  "pool",
  "kind",
  "reason",
  "actor",
  "request id",
  "details",
] as const;

/**
 * Every matching event as CSV, newest first, one chunk per `batchSize` rows read by id cursor:
 * memory stays at one batch however long the history. The first chunk starts with a UTF-8 byte
 * order mark so that spreadsheet programs read names with accents correctly.
 */
export async function* seatEventsCsv(
  db: DbOrTx,
  filter: SeatHistoryFilter,
  options: { batchSize?: number } = {},
): AsyncGenerator<string> {
  const batchSize = options.batchSize ?? 1000;
  yield `\uFEFF${csvRow(SEAT_EVENT_CSV_HEADER)}`;
  let before: bigint | null = null;
  for (;;) {
    const rows = await queryEvents(db, filter, before, batchSize);
    if (rows.length === 0) return;
    yield rows
      .map((e) =>
        csvRow([
          e.at.toISOString(),
          e.type,
          e.userName ?? e.userId,
          e.poolName,
          e.kind,
          e.reason,
          e.actorName ?? e.actorId,
          e.requestId,
          e.details === null || e.details === undefined ? null : JSON.stringify(e.details),
        ]),
      )
      .join("");
    if (rows.length < batchSize) return;
    before = rows.at(-1)!.id;
  }
}
