import { Prisma } from "../db/client";
import type { DbOrTx } from "../db/transaction";
import { AppError } from "../errors";
import { listMyTicketsInput, listQueueInput, OPEN_STATUSES, parseTicketNumber, QUEUE_VIEWS, queueCountsInput, type ListMyTicketsInput, type ListQueueInput, type QueueCountsInput, type QueueView } from "@/lib/validation/tickets";
import { displayNumber, isAgentRole, type TicketViewer } from "./actor";
import { decodeCursor, encodeCursor } from "./cursor";
import { afterCursor, cursorColumns, encodeQueueCursor, NEXT_DUE_SQL, orderBy } from "./queue-sort";
import { slaState, type SlaState } from "./sla-state";

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

function toPage(rows: Row[], limit: number): TicketPage {
  const page = rows.slice(0, limit);
  return { items: page.map((r) => ({ ...r, displayNumber: displayNumber(r) })), nextCursor: rows.length > limit ? encodeCursor(rows[limit - 1]!) : null };
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

type QueueFilters = ReturnType<typeof queueCountsInput.parse>;

/** The WHERE of a console queue, in SQL: full-text search cannot be said through Prisma's API. */
function queueConditions(viewer: TicketViewer, view: QueueView, input: QueueFilters): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (view !== "all" && !input.statuses?.length) where.push(enumIn(`t."status"`, "TicketStatus", OPEN_STATUSES));
  if (view === "mine") where.push(Prisma.sql`t."assigneeId" = ${viewer.id}`);
  if (view === "my-groups-unassigned") {
    where.push(Prisma.sql`t."assigneeId" is null and t."groupId" in (select "groupId" from "GroupMember" where "userId" = ${viewer.id})`);
  }
  if (view === "breaching") {
    // Due within the hour or overdue, by the database clock. The resolution test alone can use
    // the (status, resolutionDueAt) index; a response still owed is checked on the same rows.
    // Pending tickets have no due time (the clock is paused), so they never show here.
    where.push(Prisma.sql`${NEXT_DUE_SQL} <= now() + interval '1 hour'`);
    if (input.statuses?.length) where.push(enumIn(`t."status"`, "TicketStatus", OPEN_STATUSES));
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
  return where;
}

const whereSql = (where: Prisma.Sql[]) => (where.length ? Prisma.sql`where ${Prisma.join(where, " and ")}` : Prisma.empty);

const queueSelect = { ...listSelect, responseDueAt: true, resolutionDueAt: true, firstRespondedAt: true } as const;
type QueueRow = Prisma.TicketGetPayload<{ select: typeof queueSelect }>;
export type QueueItem = QueueRow & { displayNumber: string; sla: SlaState; dueAt: Date | null };
export type QueuePage = { items: QueueItem[]; nextCursor: string | null };

function assertAgent(viewer: TicketViewer) {
  if (!isAgentRole(viewer.role)) throw new AppError("FORBIDDEN", "Queues are for agents and administrators.");
}

/**
 * The console's queues (agents and administrators, no seat needed): open work, my work, my
 * groups' unassigned tickets, breaching soon or everything, with filters, full-text search (the
 * generated tsvector, websearch syntax) or a ticket number, in one of QUEUE_SORTS. One query
 * finds the page's ids in order, one more (with its relations batched by Prisma) fetches them:
 * no N+1. Each row carries its SLA state by the database clock.
 */
export async function listQueue(db: DbOrTx, viewer: TicketViewer, rawInput: ListQueueInput = {}): Promise<QueuePage> {
  assertAgent(viewer);
  const input = listQueueInput.parse(rawInput);
  const where = queueConditions(viewer, input.view, input);
  if (input.cursor) where.push(afterCursor(input.sort, input.cursor));
  const keys = await db.$queryRaw<({ id: string; now: Date } & Record<string, unknown>)[]>`
    select t."id", now() as now, ${cursorColumns(input.sort)} from "Ticket" t
    ${whereSql(where)}
    order by ${orderBy(input.sort)}
    limit ${input.limit + 1}`;
  if (keys.length === 0) return { items: [], nextCursor: null };
  const rows = await db.ticket.findMany({ where: { id: { in: keys.map((r) => r.id) } }, select: queueSelect });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const now = keys[0]!.now;
  // The order and the cursor come from the first query (a row updated in between keeps its place).
  const items = keys.slice(0, input.limit).map((k) => byId.get(k.id)).filter((r): r is QueueRow => r !== undefined).map((r) => {
    const { state, dueAt } = slaState(r, now);
    return { ...r, displayNumber: displayNumber(r), sla: state, dueAt };
  });
  return { items, nextCursor: keys.length > input.limit ? encodeQueueCursor(input.sort, keys[input.limit - 1]!) : null };
}

export type QueueCounts = Record<QueueView, number>;

/** How many tickets each queue holds with these filters: the numbers on the console's tabs. */
export async function countQueues(db: DbOrTx, viewer: TicketViewer, rawInput: QueueCountsInput = {}): Promise<QueueCounts> {
  assertAgent(viewer);
  const input = queueCountsInput.parse(rawInput);
  const counts = await Promise.all(QUEUE_VIEWS.map(async (view) => {
    const rows = await db.$queryRaw<{ n: number }[]>`select count(*)::int as n from "Ticket" t ${whereSql(queueConditions(viewer, view, input))}`;
    return [view, rows[0]?.n ?? 0] as const;
  }));
  return Object.fromEntries(counts) as QueueCounts;
}
