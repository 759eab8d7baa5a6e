import { LEVEL_LABEL, TICKET_STATUS_LABEL, type TicketStatusValue } from "@/lib/validation/tickets";

export const FIELD_LABEL: Record<string, string> = {
  title: "title",
  description: "description",
  status: "status",
  impact: "impact",
  urgency: "urgency",
  priority: "priority",
  group: "group",
  assignee: "assignee",
  category: "category",
  link: "link",
};

/** A history value as people read it: "In progress" not IN_PROGRESS, "High" not 1. */
export function historyValue(field: string, value: string | null): string {
  if (value === null || value === "") return "none";
  if (field === "status") return TICKET_STATUS_LABEL[value as TicketStatusValue] ?? value;
  if (field === "impact" || field === "urgency") return LEVEL_LABEL[Number(value) as 1 | 2 | 3] ?? value;
  return value;
}

/** One change as a sentence without its author: "status: New → Assigned", "linked INC-000123". */
export function describeChange(c: { field: string; fromValue: string | null; toValue: string | null }): string {
  // A change made through an API account: "replied via Chat hub for Ana Ruiz, E-10422".
  if (c.field === "via") return c.toValue ?? "";
  if (c.field === "link") return c.toValue ? `linked ${c.toValue}` : `unlinked ${c.fromValue ?? ""}`;
  if (c.field === "description") return "edited the description";
  return (
    `${FIELD_LABEL[c.field] ?? c.field}: ${historyValue(c.field, c.fromValue)} ` +
    `→ ${historyValue(c.field, c.toValue)}`
  );
}
