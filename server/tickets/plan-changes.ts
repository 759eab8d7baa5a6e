import "server-only";
import type { Prisma } from "../db/client";
import type { Priority, TicketStatus } from "../db/generated/enums";
import type { Tx } from "../db/transaction";
import { AppError } from "../errors";
import type { TicketChanges } from "@/lib/validation/tickets";
import {
  isServiceDesk,
  requireAssignee,
  requireCategory,
  requireGroup,
  type GroupRef,
  type PersonRef,
} from "./assignment";
import { lookupPriority } from "./priority";
import { assertTransition, statusTimes } from "./workflow";

/** The ticket as locked for an edit. */
export type CurrentTicket = {
  id: string;
  title: string;
  description: string;
  status: TicketStatus;
  impact: number;
  urgency: number;
  priority: Priority;
  resolvedAt: Date | null;
  closedAt: Date | null;
  pendingSince: Date | null;
  pausedSeconds: number;
  category: { id: string; name: string } | null;
  group: GroupRef | null;
  assignee: PersonRef | null;
};

export type HistoryEntry = { field: string; fromValue: string | null; toValue: string | null };
export type ChangePlan = {
  data: Prisma.TicketUncheckedUpdateInput;
  history: HistoryEntry[];
  escalatedTo: GroupRef | null;
};

/**
 * What an agent's edit changes, checked: groups, categories and assignees exist (an assignee
 * belongs to the group), priority follows impact and urgency, status moves by the workflow.
 * Automatic effects, recorded in the history like any change: assigning a New ticket makes it
 * Assigned; moving it to a group its assignee is not in unassigns it, and an unassigned ticket
 * that was Assigned or In progress goes back to New for the new group to pick up.
 * History keeps names for group, assignee and category: what the reader saw at the time.
 */
export async function planAgentChanges(
  tx: Tx,
  current: CurrentTicket,
  c: TicketChanges,
  now: Date,
): Promise<ChangePlan> {
  const data: Prisma.TicketUncheckedUpdateInput = {};
  const history: HistoryEntry[] = [];
  const record = (field: string, fromValue: string | null, toValue: string | null) => {
    if (fromValue !== toValue) history.push({ field, fromValue, toValue });
  };

  if (c.title !== undefined && c.title !== current.title) {
    data.title = c.title;
    record("title", current.title, c.title);
  }
  if (c.description !== undefined && c.description !== current.description) {
    data.description = c.description;
    record("description", current.description, c.description);
  }
  if (c.categoryId !== undefined && c.categoryId !== (current.category?.id ?? null)) {
    const category = c.categoryId ? await requireCategory(tx, c.categoryId) : null;
    data.categoryId = category?.id ?? null;
    record("category", current.category?.name ?? null, category?.name ?? null);
  }

  let group = current.group;
  const groupChanged = c.groupId !== undefined && c.groupId !== (current.group?.id ?? null);
  if (groupChanged) {
    group = c.groupId ? await requireGroup(tx, c.groupId) : null;
    data.groupId = group?.id ?? null;
    record("group", current.group?.name ?? null, group?.name ?? null);
  }

  let assignee = current.assignee;
  if (c.assigneeId !== undefined) {
    assignee = c.assigneeId ? await requireAssignee(tx, c.assigneeId, group) : null;
  } else if (groupChanged && assignee && group) {
    const member = await tx.groupMember.findUnique({
      where: { groupId_userId: { groupId: group.id, userId: assignee.id } },
      select: { userId: true },
    });
    if (!member) assignee = null;
  }
  if ((assignee?.id ?? null) !== (current.assignee?.id ?? null)) {
    data.assigneeId = assignee?.id ?? null;
    record("assignee", current.assignee?.name ?? null, assignee?.name ?? null);
  }

  const impact = c.impact ?? current.impact;
  const urgency = c.urgency ?? current.urgency;
  if (impact !== current.impact || urgency !== current.urgency) {
    const priority = await lookupPriority(tx, impact, urgency);
    Object.assign(data, { impact, urgency, priority });
    record("impact", String(current.impact), String(impact));
    record("urgency", String(current.urgency), String(urgency));
    record("priority", current.priority, priority);
  }

  let status = c.status ?? current.status;
  if (c.status !== undefined) {
    assertTransition({ from: current.status, to: c.status, by: "agent" });
  } else if (assignee && !current.assignee && current.status === "NEW") {
    status = "ASSIGNED";
  } else if (!assignee && current.assignee && (current.status === "ASSIGNED" || current.status === "IN_PROGRESS")) {
    status = "NEW";
  }
  if (status === "ASSIGNED" && !assignee)
    throw new AppError(
      "BAD_REQUEST",
      "Choose an assignee before marking the ticket Assigned.",
      undefined,
      "assigneeId",
    );
  applyStatus(data, record, current, status, now);

  const escalatedTo = groupChanged && isServiceDesk(current.group) && !isServiceDesk(group) ? group : null;
  return { data, history, escalatedTo };
}

/** A requester's edit from the portal: a status change only, within the requester's rights. */
export function planRequesterChanges(
  current: CurrentTicket,
  c: TicketChanges,
  now: Date,
  autoCloseDays: number,
): ChangePlan {
  const other = Object.entries(c).find(([key, value]) => key !== "status" && value !== undefined);
  if (other)
    throw new AppError(
      "FORBIDDEN",
      "From the portal you can confirm, reopen or withdraw your ticket. Add a reply to tell us more.",
      undefined,
      other[0],
    );
  const data: Prisma.TicketUncheckedUpdateInput = {};
  const history: HistoryEntry[] = [];
  if (c.status !== undefined) {
    assertTransition({
      from: current.status,
      to: c.status,
      by: "requester",
      resolvedAt: current.resolvedAt,
      now,
      autoCloseDays,
    });
    applyStatus(
      data,
      (field, fromValue, toValue) => {
        if (fromValue !== toValue) history.push({ field, fromValue, toValue });
      },
      current,
      c.status,
      now,
    );
  }
  return { data, history, escalatedTo: null };
}

function applyStatus(
  data: Prisma.TicketUncheckedUpdateInput,
  record: (f: string, a: string | null, b: string | null) => void,
  current: CurrentTicket,
  status: TicketStatus,
  now: Date,
) {
  if (status === current.status) return;
  data.status = status;
  record("status", current.status, status);
  Object.assign(data, statusTimes(current.status, status, current, now));
}
