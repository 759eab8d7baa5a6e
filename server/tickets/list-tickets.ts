import { Prisma } from "../db/client";
import type { DbOrTx } from "../db/transaction";
import { AppError } from "../errors";
import { listMyTicketsInput, listQueueInput, OPEN_STATUSES, parseTicketNumber, type ListMyTicketsInput, type ListQueueInput } from "@/lib/validation/tickets";
import { displayNumber, isAgentRole, type TicketViewer } from "./actor";
import { decodeCursor, encodeCursor } from "./cursor";

/*
 * Ticket lists. No comment ever appears in a list, so no internal note can leak through one.
 * Both lists fetch one row more than the page to know whether there is a next page.
 */

const listSelect = {
  id: true, type: true, number: true, title: true, status: true, priority: true, createdAt: true, updatedAt: true,
  requester: { select: { id: true, name: true } }, assignee: { select: { id: true, name: true } }, group: { select: { id: true, name: true } },
} as const;
type Row = Prisma.TicketGetPayload<{ select: typeof listSelect }>;
export type TicketListItem = Row & { displayNumber: string };
export type TicketPage = { items: TicketListItem[]; nextCursor: string | null };

/** `keys`: the (updatedAt, id) pairs the page was ordered by, when they came from another query. */
function toPage(rows: Row[], limit: number, keys: { id: string; updatedAt: Date }[] = rows): TicketPage {
  const page = rows.slice(0, limit);
  return { items: page.map((r) => ({ ...r, displayNumber: displayNumber(r) })), nextCursor: keys.length > limit ? encodeCursor(keys[limit - 1]!) : null };
}

/** The portal's "my tickets": the requester's own, last updated first. */
export async function listMyTickets(db: DbOrTx, viewer: TicketViewer, rawInput: ListMyTicketsInput = {}): Promise<TicketPage> {
  const input = listMyTicketsInput.parse(rawInput);
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const rows = await db.ticket.findMany({
    where: {
      requesterId: viewer.id,
      ...(after ? { OR: [{ updatedAt: { lt: after.updatedAt } }, { updatedAt: after.updatedAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: listSelect,
  });
  return toPage(rows, input.limit);
}

const enumIn = (column: string, type: string, values: readonly string[]) =>
  Prisma.sql`${Prisma.raw(column)} in (${Prisma.join(values.map((v) => Prisma.sql`${v}::${Prisma.raw(`"${type}"`)}`))})`;

/** The WHERE of a console queue, in SQL: full-text search cannot be said through Prisma's API. */
function queueConditions(viewer: TicketViewer, input: ReturnType<typeof listQueueInput.parse>): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (input.view !== "all" && !input.statuses?.length) where.push(enumIn(`t."status"`, "TicketStatus", OPEN_STATUSES));
  if (input.view === "mine") where.push(Prisma.sql`t."assigneeId" = ${viewer.id}`);
  if (input.view === "my-groups-unassigned") {
    where.push(Prisma.sql`t."assigneeId" is null and t."groupId" in (select "groupId" from "GroupMember" where "userId" = ${viewer.id})`);
  }
  if (input.types?.length) where.push(enumIn(`t."type"`, "TicketType", input.types));
  if (input.statuses?.length) where.push(enumIn(`t."status"`, "TicketStatus", input.statuses));
  if (input.priorities?.length) where.push(enumIn(`t."priority"`, "Priority", input.priorities));
  if (input.groupId) where.push(Prisma.sql`t."groupId" = ${input.groupId}`);
  if (input.assigneeId === "unassigned") where.push(Prisma.sql`t."assigneeId" is null`);
  else if (input.assigneeId) where.push(Prisma.sql`t."assigneeId" = ${input.assigneeId}`);
  const search = input.search?.trim();
  if (search) {
    const number = parseTicketNumber(search);
    if (number) where.push(Prisma.sql`t."type" = ${number.type}::"TicketType" and t."number" = ${number.number}`);
    else if (/^\d{1,9}$/.test(search)) where.push(Prisma.sql`(t."number" = ${Number(search)} or t."search" @@ websearch_to_tsquery('english', ${search}))`);
    else where.push(Prisma.sql`t."search" @@ websearch_to_tsquery('english', ${search})`);
  }
  if (input.cursor) {
    const after = decodeCursor(input.cursor);
    where.push(Prisma.sql`(t."updatedAt", t."id") < (${after.updatedAt}::timestamptz, ${after.id})`);
  }
  return where;
}

/**
 * The console's queues (agents and administrators, no seat needed): open work, my work, my
 * groups' unassigned tickets or everything, with filters and full-text search (the generated
 * tsvector, websearch syntax) or a ticket number. One query finds the page's ids in order,
 * one more (with its relations batched by Prisma) fetches them: no N+1.
 */
export async function listQueue(db: DbOrTx, viewer: TicketViewer, rawInput: ListQueueInput = {}): Promise<TicketPage> {
  if (!isAgentRole(viewer.role)) throw new AppError("FORBIDDEN", "Queues are for agents and administrators.");
  const input = listQueueInput.parse(rawInput);
  const where = queueConditions(viewer, input);
  const ids = await db.$queryRaw<{ id: string; updatedAt: Date }[]>`
    select t."id", t."updatedAt" from "Ticket" t
    ${where.length ? Prisma.sql`where ${Prisma.join(where, " and ")}` : Prisma.empty}
    order by t."updatedAt" desc, t."id" desc
    limit ${input.limit + 1}`;
  if (ids.length === 0) return { items: [], nextCursor: null };
  const rows = await db.ticket.findMany({ where: { id: { in: ids.map((r) => r.id) } }, select: listSelect });
  const byId = new Map(rows.map((r) => [r.id, r]));
  // The order and the cursor come from the first query (a row updated in between keeps its place).
  const ordered = ids.slice(0, input.limit).map((r) => byId.get(r.id)).filter((r): r is Row => r !== undefined);
  return toPage(ordered, input.limit, ids);
}
