import "server-only";
import { Prisma } from "../db/client";
import type { Priority, TicketStatus, TicketType } from "../db/generated/enums";
import type { DbOrTx } from "../db/transaction";
import { AppError } from "../errors";
import {
  listMyTicketsInput,
  listQueueInput,
  OPEN_STATUSES,
  parseTicketNumber,
  QUEUE_VIEWS,
  queueCountsInput,
  type ListMyTicketsInput,
  type ListQueueInput,
  type QueueCountsInput,
  type QueueView,
} from "@/lib/validation/tickets";
import { displayNumber } from "./ticket-ref";
import { isAgentRole, type TicketViewer } from "./actor";
import { decodeCursor, encodeCursor } from "./cursor";
import { afterCursor, cursorColumns, encodeQueueCursor, NEXT_DUE_SQL, orderBy } from "./queue-sort";
import { QUEUE_COUNT_CAP } from "../../lib/tickets/queue-count-cap";
import { slaState, type SlaState } from "./sla-state";

/*
 * Ticket lists. No comment ever appears in a list, so no internal note can leak through one.
 * Both lists fetch one row more than the page to know whether there is a next page.
 */

/** A list row as Prisma would select it: the ticket with its requester, assignee and group names. */
export type TicketListRow = {
  id: string;
  type: TicketType;
  number: number;
  title: string;
  status: TicketStatus;
  priority: Priority;
  createdAt: Date;
  updatedAt: Date;
  requester: { id: string; name: string };
  assignee: { id: string; name: string } | null;
  group: { id: string; name: string } | null;
};
export type TicketListItem = TicketListRow & { displayNumber: string };
export type TicketPage = { items: TicketListItem[]; nextCursor: string | null };

/*
 * Each page is one statement: the keyset scan with the people and group joined (a page has at
 * most 101 rows, each join an index lookup). The enums come back as text and are typed here.
 */
const LIST_COLUMNS = Prisma.sql`t."id", t."type"::text as "type", t."number", t."title", t."status"::text as
  "status", t."priority"::text as "priority", t."createdAt", t."updatedAt",
  r."id" as "requesterId", r."name" as "requesterName", a."id" as "assigneeId", a."name" as "assigneeName",
    g."id" as "groupId", g."name" as "groupName"`;
const LIST_JOINS = Prisma.sql`join "User" r on r."id" = t."requesterId" left join "User" a on a."id" =
  t."assigneeId" left join "Group" g on g."id" = t."groupId"`;
type ListSqlRow = Omit<TicketListRow, "requester" | "assignee" | "group"> & {
  requesterId: string;
  requesterName: string;
  assigneeId: string | null;
  assigneeName: string | null;
  groupId: string | null;
  groupName: string | null;
};

function listRow(r: ListSqlRow): TicketListItem {
  return {
    id: r.id,
    type: r.type,
    number: Number(r.number),
    title: r.title,
    status: r.status,
    priority: r.priority,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    requester: { id: r.requesterId, name: r.requesterName },
    assignee: r.assigneeId === null ? null : { id: r.assigneeId, name: r.assigneeName ?? "" },
    group: r.groupId === null ? null : { id: r.groupId, name: r.groupName ?? "" },
    displayNumber: displayNumber({ type: r.type, number: Number(r.number) }),
  };
}

/** The portal's "my tickets": the requester's own, last updated first. */
export async function listMyTickets(
  db: DbOrTx,
  viewer: TicketViewer,
  rawInput: ListMyTicketsInput = {},
): Promise<TicketPage> {
  const input = listMyTicketsInput.parse(rawInput);
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const rows = await db.$queryRaw<ListSqlRow[]>`
    select ${LIST_COLUMNS} from "Ticket" t ${LIST_JOINS}
    where t."requesterId" = ${viewer.id}
      ${after ? Prisma.sql`and (t."updatedAt", t."id") < (${after.updatedAt}::timestamptz, ${after.id})` : Prisma.empty}
    order by t."updatedAt" desc, t."id" desc
    limit ${input.limit + 1}`;
  const page = rows.slice(0, input.limit).map(listRow);
  return { items: page, nextCursor: rows.length > input.limit ? encodeCursor(page[input.limit - 1]!) : null };
}

const enumIn = (column: string, type: string, values: readonly string[]) =>
  Prisma.sql`${Prisma.raw(column)} in
    (${Prisma.join(values.map((v) => Prisma.sql`${v}::${Prisma.raw(`"${type}"`)}`))})`;

type QueueFilters = ReturnType<typeof queueCountsInput.parse>;

type Parts = { status?: boolean; search?: boolean };

/**
 * The WHERE of a console queue, in SQL: full-text search cannot be said through Prisma's API.
 * `parts` leaves out the open-status list or the search, for the query shapes of listQueue.
 */
function queueConditions(viewer: TicketViewer, view: QueueView, input: QueueFilters, parts: Parts = {}): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  const withStatus = parts.status ?? true;
  if (withStatus && view !== "all" && !input.statuses?.length)
    where.push(enumIn(`t."status"`, "TicketStatus", OPEN_STATUSES));
  if (view === "mine") where.push(Prisma.sql`t."assigneeId" = ${viewer.id}`);
  if (view === "my-groups-unassigned") {
    where.push(
      Prisma.sql`t."assigneeId" is null and t."groupId" in (select "groupId" from "GroupMember" where "userId" =
        ${viewer.id})`,
    );
  }
  if (view === "breaching") {
    // Due within the hour or overdue, by the database clock. The resolution test alone can use
    // the (status, resolutionDueAt) index; a response still owed is checked on the same rows.
    // Pending tickets have no due time (the clock is paused), so they never show here.
    where.push(Prisma.sql`${NEXT_DUE_SQL} <= now() + interval '1 hour'`);
    if (input.statuses?.length) where.push(enumIn(`t."status"`, "TicketStatus", OPEN_STATUSES));
  }
  if (input.types?.length) where.push(enumIn(`t."type"`, "TicketType", input.types));
  if (withStatus && input.statuses?.length) where.push(enumIn(`t."status"`, "TicketStatus", input.statuses));
  if (input.priorities?.length) where.push(enumIn(`t."priority"`, "Priority", input.priorities));
  if (input.groupId) where.push(Prisma.sql`t."groupId" = ${input.groupId}`);
  if (input.assigneeId === "unassigned") where.push(Prisma.sql`t."assigneeId" is null`);
  else if (input.assigneeId) where.push(Prisma.sql`t."assigneeId" = ${input.assigneeId}`);
  const search = (parts.search ?? true) ? searchCondition(input.search) : null;
  if (search) where.push(search);
  return where;
}

/** Full-text search (websearch syntax) on the generated tsvector, or a ticket number. */
function searchCondition(raw: string | undefined): Prisma.Sql | null {
  const search = raw?.trim();
  if (!search) return null;
  const number = parseTicketNumber(search);
  if (number) return Prisma.sql`t."type" = ${number.type}::"TicketType" and t."number" = ${number.number}`;
  if (/^\d{1,9}$/.test(search))
    return Prisma.sql`(t."number" = ${Number(search)} or t."search" @@ websearch_to_tsquery('english', ${search}))`;
  return Prisma.sql`t."search" @@ websearch_to_tsquery('english', ${search})`;
}

const whereSql = (where: Prisma.Sql[]) =>
  where.length ? Prisma.sql`where ${Prisma.join(where, " and ")}` : Prisma.empty;

export type QueueItem = TicketListItem & {
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
  firstRespondedAt: Date | null;
  sla: SlaState;
  dueAt: Date | null;
};
export type QueuePage = { items: QueueItem[]; nextCursor: string | null };

function assertAgent(viewer: TicketViewer) {
  if (!isAgentRole(viewer.role)) throw new AppError("FORBIDDEN", "Queues are for agents and administrators.");
}

/**
 * The console's queues (agents and administrators, no seat needed): open work, my work, my
 * groups' unassigned tickets, breaching soon or everything, with filters, full-text search (the
 * generated tsvector, websearch syntax) or a ticket number, in one of QUEUE_SORTS. One statement
 * gives the page in order with its people and group: no N+1. Each row carries its SLA state by
 * the database clock.
 */
export async function listQueue(db: DbOrTx, viewer: TicketViewer, rawInput: ListQueueInput = {}): Promise<QueuePage> {
  assertAgent(viewer);
  const input = listQueueInput.parse(rawInput);
  const cursor = input.cursor ? afterCursor(input.sort, input.cursor) : null;
  const byUpdate = input.sort === "updated" || input.sort === "oldest-update";
  const statuses = byUpdate ? splitStatuses(input.view, input.statuses) : null;
  const textSearch = input.search?.trim() && !parseTicketNumber(input.search.trim());
  const page = (source: Prisma.Sql, where: Prisma.Sql[]) => db.$queryRaw<QueueSqlRow[]>`
    select ${LIST_COLUMNS}, t."responseDueAt", t."resolutionDueAt", t."firstRespondedAt", now() as now,
      ${cursorColumns(input.sort)}
    from ${source} ${LIST_JOINS}
    ${whereSql(where)}
    order by ${orderBy(input.sort)}
    limit ${input.limit + 1}`;
  const all = queueConditions(viewer, input.view, input);
  if (cursor) all.push(cursor);
  let rows: QueueSqlRow[];
  if (statuses) {
    // One scan per status on the (…, status, updatedAt, id) indexes, each stopping after a page,
    // merged: the thousands of closed tickets between open ones are never read.
    const where = queueConditions(viewer, input.view, input, { status: false });
    if (cursor) where.push(cursor);
    const branches = statuses.map(
      (status) => Prisma.sql`(select ${TICKET_COLUMNS} from "Ticket" t
      ${whereSql([...where, Prisma.sql`t."status" = ${status}::"TicketStatus"`])} order by
        ${orderBy(input.sort)} limit ${input.limit + 1})`,
    );
    rows = await page(Prisma.sql`(${Prisma.join(branches, " union all ")}) t`, []);
  } else if (byUpdate && textSearch) {
    // A common word matches tens of thousands of tickets, and the planner's guess for a phrase
    // (a hyphenated term) is one row: sorting every match would take hundreds of ms. So first
    // look among the latest SEARCH_WINDOW tickets in the order (an index scan): if a page's worth
    // match there, they are the first matches of the whole order. Otherwise search them all.
    const where = queueConditions(viewer, input.view, input, { search: false });
    if (cursor) where.push(cursor);
    const window = Prisma.sql`(select ${TICKET_COLUMNS}, t."search" from "Ticket" t ${whereSql(where)} order by
      ${orderBy(input.sort)} limit ${SEARCH_WINDOW}) t`;
    rows = await page(window, [searchCondition(input.search)!]);
    if (rows.length <= input.limit) rows = await page(Prisma.sql`"Ticket" t`, all);
  } else {
    rows = await page(Prisma.sql`"Ticket" t`, all);
  }
  const items = rows.slice(0, input.limit).map((r) => {
    const { state, dueAt } = slaState(r, r.now);
    return {
      ...listRow(r),
      responseDueAt: r.responseDueAt,
      resolutionDueAt: r.resolutionDueAt,
      firstRespondedAt: r.firstRespondedAt,
      sla: state,
      dueAt,
    };
  });
  return {
    items,
    nextCursor: rows.length > input.limit ? encodeQueueCursor(input.sort, rows[input.limit - 1]!) : null,
  };
}

type QueueSqlRow = ListSqlRow & {
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
  firstRespondedAt: Date | null;
  now: Date;
} & Record<string, unknown>;

/** The columns a queue page reads from a ticket (not its tsvector), for the subqueries of listQueue. */
const TICKET_COLUMNS = Prisma.sql`t."id", t."type", t."number", t."title", t."status", t."priority",
  t."createdAt", t."updatedAt",
  t."requesterId", t."assigneeId", t."groupId", t."responseDueAt", t."resolutionDueAt", t."firstRespondedAt"`;

/** How many of the latest tickets a text search looks through before it searches them all. */
const SEARCH_WINDOW = 5000;

/** The statuses a queue is limited to, when that is its only status condition (not "breaching"). */
function splitStatuses(view: QueueView, statuses: readonly TicketStatus[] | undefined): readonly TicketStatus[] | null {
  if (view === "breaching") return null;
  if (statuses?.length) return [...new Set(statuses)];
  return view === "all" ? null : OPEN_STATUSES;
}

export type QueueCounts = Record<QueueView, number>;

/**
 * How many tickets each queue holds with these filters: the numbers on the console's tabs. Each
 * count stops at QUEUE_COUNT_CAP + 1 rows, so "All tickets" never counts a million rows; a tab
 * shows such a count as "1,000+".
 */
export async function countQueues(
  db: DbOrTx,
  viewer: TicketViewer,
  rawInput: QueueCountsInput = {},
): Promise<QueueCounts> {
  assertAgent(viewer);
  const input = queueCountsInput.parse(rawInput);
  const counts = await Promise.all(
    QUEUE_VIEWS.map(async (view) => {
      const rows = await db.$queryRaw<{ n: number }[]>`
      select count(*)::int as n from (select 1 from "Ticket" t
        ${whereSql(queueConditions(viewer, view, input))} limit ${QUEUE_COUNT_CAP + 1}) capped`;
      return [view, rows[0]?.n ?? 0] as const;
    }),
  );
  return Object.fromEntries(counts) as QueueCounts;
}
