import type { ConsoleTicketFields, TicketChanges } from "@/lib/validation/tickets";
import type { ConsoleTicket } from "../types";

/** The editable fields of a ticket as the form holds them ("" for no category / assignee). */
export function fieldsOf(t: ConsoleTicket): ConsoleTicketFields {
  return {
    title: t.title,
    description: t.description,
    status: t.status,
    impact: t.impact,
    urgency: t.urgency,
    categoryId: t.category?.id ?? "",
    assigneeId: t.assignee?.id ?? "",
  };
}

/** What the agent changed, compared with the values they started from (only those are sent). */
export function changesFrom(base: ConsoleTicketFields, values: ConsoleTicketFields): TicketChanges {
  const changes: TicketChanges = {};
  if (values.title.trim() !== base.title) changes.title = values.title.trim();
  if (values.description !== base.description) changes.description = values.description;
  if (values.status !== base.status) changes.status = values.status;
  if (Number(values.impact) !== base.impact) changes.impact = Number(values.impact);
  if (Number(values.urgency) !== base.urgency) changes.urgency = Number(values.urgency);
  if (values.categoryId !== base.categoryId) changes.categoryId = values.categoryId || null;
  if (values.assigneeId !== base.assigneeId) changes.assigneeId = values.assigneeId || null;
  return changes;
}

/**
 * After a stale edit, the agent keeps their own edits on top of the current ticket: fields they
 * changed keep their value, the others take the current one (so saving again does not undo what
 * the colleague changed).
 */
export function rebase(
  oldBase: ConsoleTicketFields,
  mine: ConsoleTicketFields,
  current: ConsoleTicketFields,
): ConsoleTicketFields {
  const touched = changesFrom(oldBase, mine);
  const merged = { ...current };
  for (const key of Object.keys(touched) as (keyof ConsoleTicketFields)[])
    (merged as Record<string, unknown>)[key] = mine[key];
  return merged;
}
