import "server-only";
import type { DbOrTx } from "../db/transaction";
import { AppError } from "../errors";
import { changeCalendarInput, pageOfApprovalsInput, type ChangeCalendarInput } from "@/lib/validation/changes";
import type { z } from "zod";
import { changeRef } from "./records";

/* Reading changes: a change with its approvals, an approver's waiting list, and the calendar. */

export type ApprovalView = {
  id: string;
  round: number;
  step: number;
  state: "PENDING" | "APPROVED" | "REJECTED" | "WITHDRAWN";
  approverName: string | null;
  approverActive: boolean | null;
  groupName: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  comment: string | null;
  afterTheFact: boolean;
};

/** The change record of a CHANGE ticket with the approvals of its current round (null: none yet). */
export async function getChange(db: DbOrTx, ticketId: string) {
  const record = await db.changeRecord.findUnique({ where: { ticketId } });
  if (!record) return null;
  const approvals = await db.$queryRaw<ApprovalView[]>`
    select a.id, a.round, a.step, a.state::text as state, u.name as "approverName", u.active as "approverActive",
      g.name as "groupName", a."decidedByName", a."decidedAt", a.comment, a."afterTheFact"
    from "ChangeApproval" a left join "User" u on u.id = a."approverId" left join "Group" g on g.id = a."groupId"
    where a."ticketId" = ${ticketId} and a.round = ${record.approvalRound}
    order by a.step, a.id`;
  return { ...record, approvals };
}

export type WaitingApproval = {
  approvalId: string;
  ticketId: string;
  displayNumber: string;
  title: string;
  kind: string;
  risk: number;
  plannedStart: Date | null;
  plannedEnd: Date | null;
  requestedAt: Date;
  afterTheFact: boolean;
  groupName: string | null;
};

/**
 * "Waiting for my approval": the approvals a person may decide now (theirs or their groups', the
 * step whose turn it is), oldest request first, a page at a time. Never their own changes.
 */
export async function waitingForMe(
  db: DbOrTx,
  userId: string,
  rawInput: z.input<typeof pageOfApprovalsInput> = {},
): Promise<{ items: WaitingApproval[]; page: number; hasMore: boolean }> {
  const input = pageOfApprovalsInput.parse(rawInput);
  const rows = await db.$queryRaw<(Omit<WaitingApproval, "displayNumber"> & { number: number })[]>`
    select a.id as "approvalId", a."ticketId", t.number, t.title, c.kind::text as kind, c.risk, c."plannedStart",
      c."plannedEnd", a."requestedAt", a."afterTheFact", g.name as "groupName"
    from "ChangeApproval" a
      join "ChangeRecord" c on c."ticketId" = a."ticketId" and c."approvalRound" = a.round
      join "Ticket" t on t.id = a."ticketId"
      left join "Group" g on g.id = a."groupId"
    where a.state = 'PENDING'
      and (a."approverId" = ${userId}
        or a."groupId" in (select "groupId" from "GroupMember" where "userId" = ${userId}))
      and c."authorId" <> ${userId} and t."requesterId" <> ${userId}
      and not exists (select 1 from "ChangeApproval" e where e."ticketId" = a."ticketId" and e.round = a.round
        and e.state = 'PENDING' and e.step < a.step)
    order by a."requestedAt", a.id
    limit ${input.pageSize + 1} offset ${(input.page - 1) * input.pageSize}`;
  const items = rows
    .slice(0, input.pageSize)
    .map(({ number, ...r }) => ({ ...r, displayNumber: changeRef({ number }) }));
  return { items, page: input.page, hasMore: rows.length > input.pageSize };
}

/** One approval for its approver (the link in a mail): the change to decide on, or why not. */
export async function approvalForApprover(db: DbOrTx, userId: string, approvalId: string) {
  const [row] = await db.$queryRaw<
    {
      ticketId: string;
      number: number;
      title: string;
      description: string;
      kind: string;
      risk: number;
      plannedStart: Date | null;
      plannedEnd: Date | null;
      implementationPlan: string;
      backoutPlan: string;
      testPlan: string;
      state: string;
      decidedByName: string | null;
      decidedAt: Date | null;
      mine: boolean;
    }[]
  >`
    select a."ticketId", t.number, t.title, t.description, c.kind::text as kind, c.risk, c."plannedStart",
      c."plannedEnd",
      c."implementationPlan", c."backoutPlan", c."testPlan", a.state::text as state, a."decidedByName", a."decidedAt",
      (a."approverId" = ${userId} or exists (select 1 from "GroupMember" m where m."groupId" = a."groupId"
        and m."userId" = ${userId})) as mine
    from "ChangeApproval" a join "ChangeRecord" c on c."ticketId" = a."ticketId" join "Ticket" t on t.id = a."ticketId"
    where a.id = ${approvalId}`;
  // Someone else's approval is "not found", so its existence is not revealed.
  if (!row?.mine) throw new AppError("NOT_FOUND", "This approval was not found among yours.");
  return {
    approvalId,
    displayNumber: changeRef(row),
    ticketId: row.ticketId,
    title: row.title,
    description: row.description,
    kind: row.kind,
    risk: row.risk,
    plannedStart: row.plannedStart,
    plannedEnd: row.plannedEnd,
    implementationPlan: row.implementationPlan,
    backoutPlan: row.backoutPlan,
    testPlan: row.testPlan,
    state: row.state,
    decidedByName: row.decidedByName,
    decidedAt: row.decidedAt,
  };
}

export type CalendarChange = {
  ticketId: string;
  displayNumber: string;
  title: string;
  kind: string;
  state: string;
  plannedStart: Date;
  plannedEnd: Date;
  /** Other changes whose planned window overlaps this one's. */
  overlaps: string[];
  /** Blackout windows it falls into. */
  blackouts: string[];
};

/** Changes planned in a period (at most a year), with their overlaps and blackouts. */
export async function changeCalendar(db: DbOrTx, rawInput: ChangeCalendarInput) {
  const { from, to } = changeCalendarInput.parse(rawInput);
  const [changes, blackouts] = await Promise.all([
    db.$queryRaw<(Omit<CalendarChange, "displayNumber" | "overlaps" | "blackouts"> & { number: number })[]>`
      select c."ticketId", t.number, t.title, c.kind::text as kind, c.state::text as state, c."plannedStart",
        c."plannedEnd"
      from "ChangeRecord" c join "Ticket" t on t.id = c."ticketId"
      where c."plannedStart" < ${to} and c."plannedEnd" > ${from} and c.state <> 'CANCELLED'
      order by c."plannedStart", c."ticketId"
      limit 2000`,
    db.changeBlackout.findMany({
      where: { startsAt: { lt: to }, endsAt: { gt: from } },
      orderBy: { startsAt: "asc" },
      take: 500,
    }),
  ]);
  const overlap = (a: { plannedStart: Date; plannedEnd: Date }, s: Date, e: Date) =>
    a.plannedStart < e && a.plannedEnd > s;
  const items: CalendarChange[] = changes.map(({ number, ...c }) => ({
    ...c,
    displayNumber: changeRef({ number }),
    overlaps: changes
      .filter((o) => o.ticketId !== c.ticketId && overlap(c, o.plannedStart, o.plannedEnd))
      .map((o) => changeRef(o)),
    blackouts: blackouts.filter((b) => overlap(c, b.startsAt, b.endsAt)).map((b) => b.title),
  }));
  return { from, to, changes: items, blackouts };
}
