import { z } from "zod";
import { versionSchema } from "./common";

/*
 * Tickets, as the portal and console forms and the ticket procedures both validate them. The enums
 * mirror prisma/schema.prisma (the browser cannot import the server's generated client).
 */

export const TICKET_TYPES = ["INCIDENT", "REQUEST", "PROBLEM", "CHANGE", "JOB"] as const;
export type TicketTypeValue = (typeof TICKET_TYPES)[number];
export const TICKET_STATUSES = [
  "NEW",
  "ASSIGNED",
  "IN_PROGRESS",
  "PENDING",
  "RESOLVED",
  "CLOSED",
  "CANCELLED",
] as const;
export type TicketStatusValue = (typeof TICKET_STATUSES)[number];
export const OPEN_STATUSES = [
  "NEW",
  "ASSIGNED",
  "IN_PROGRESS",
  "PENDING",
] as const satisfies readonly TicketStatusValue[];
export const PRIORITIES = ["P1", "P2", "P3", "P4"] as const;
export type PriorityValue = (typeof PRIORITIES)[number];
/** What end users may open from the portal. */
export const PORTAL_TICKET_TYPES = ["INCIDENT", "REQUEST"] as const satisfies readonly TicketTypeValue[];

export const TICKET_PREFIX: Record<TicketTypeValue, string> = {
  INCIDENT: "INC",
  REQUEST: "REQ",
  PROBLEM: "PRB",
  CHANGE: "CHG",
  JOB: "JOB",
};
export const TICKET_TYPE_LABEL: Record<TicketTypeValue, string> = {
  INCIDENT: "Incident",
  REQUEST: "Service request",
  PROBLEM: "Problem",
  CHANGE: "Change",
  JOB: "Job",
};
export const TICKET_STATUS_LABEL: Record<TicketStatusValue, string> = {
  NEW: "New",
  ASSIGNED: "Assigned",
  IN_PROGRESS: "In progress",
  PENDING: "Pending",
  RESOLVED: "Resolved",
  CLOSED: "Closed",
  CANCELLED: "Cancelled",
};
/** Impact and urgency: 1 is high, 3 is low (the ITIL convention the matrix uses). */
export const LEVEL_LABEL: Record<1 | 2 | 3, string> = { 1: "High", 2: "Medium", 3: "Low" };

/** INC-000123 (six digits at least; the same formatting as the search column in the migration). */
export function formatTicketNumber(type: TicketTypeValue, number: number): string {
  return `${TICKET_PREFIX[type]}-${String(number).padStart(6, "0")}`;
}

/** "INC-000123", "inc-123" or "INC123" -> { type, number }; anything else -> null. */
export function parseTicketNumber(text: string): { type: TicketTypeValue; number: number } | null {
  const match = /^\s*([a-z]{3})-?0*(\d{1,9})\s*$/i.exec(text);
  if (!match) return null;
  const type = TICKET_TYPES.find((t) => TICKET_PREFIX[t] === match[1]!.toUpperCase());
  const number = Number(match[2]);
  return type && number > 0 ? { type, number } : null;
}

export const TITLE_MIN = 3;
export const TITLE_MAX = 200;
export const TEXT_MAX = 20_000;

const level = (what: string) =>
  z
    .number({ error: `Choose the ${what}` })
    .int()
    .min(1, `Choose the ${what}: 1 (high), 2 (medium) or 3 (low)`)
    .max(3, `Choose the ${what}: 1 (high), 2 (medium) or 3 (low)`);
export const impactSchema = level("impact");
export const urgencySchema = level("urgency");
export const ticketTypeSchema = z.enum(TICKET_TYPES, {
  error: "Choose a ticket type: incident, service request, problem, change or job",
});
export const ticketStatusSchema = z.enum(TICKET_STATUSES, { error: "Choose a status from the list" });
export const prioritySchema = z.enum(PRIORITIES, { error: "Choose a priority from P1 to P4" });
export const titleSchema = z
  .string({ error: "Enter a title" })
  .trim()
  .min(TITLE_MIN, `Use at least ${TITLE_MIN} characters for the title`)
  .max(TITLE_MAX, `Use at most ${TITLE_MAX} characters for the title`);
/** Plain text kept exactly as typed (markup included): the page escapes it when rendering. */
export const descriptionSchema = z
  .string()
  .max(TEXT_MAX, `Use at most ${TEXT_MAX.toLocaleString("en-US")} characters for the description`);
const optionalId = z.string().min(1).nullable().optional();

/** Defaults for a portal report: it affects the person reporting it (low), fairly soon (medium). */
export const DEFAULT_IMPACT = 3;
export const DEFAULT_URGENCY = 2;

export const createTicketInput = z.object({
  type: ticketTypeSchema.default("INCIDENT"),
  title: titleSchema,
  description: descriptionSchema.default(""),
  impact: impactSchema.default(DEFAULT_IMPACT),
  urgency: urgencySchema.default(DEFAULT_URGENCY),
  categoryId: optionalId,
  /** Console only: the assignment group (the Service Desk when absent), assignee and requester. */
  groupId: optionalId,
  assigneeId: optionalId,
  requesterId: optionalId,
});
export type CreateTicketInput = z.input<typeof createTicketInput>;

/** A ticket named by its id or its number ("INC-000123"). */
export const ticketRefSchema = z.string().trim().min(1, "Name a ticket").max(100);

export const ticketChangesSchema = z.object({
  title: titleSchema.optional(),
  description: descriptionSchema.optional(),
  categoryId: optionalId,
  groupId: optionalId,
  assigneeId: optionalId,
  impact: impactSchema.optional(),
  urgency: urgencySchema.optional(),
  status: ticketStatusSchema.optional(),
});
export type TicketChanges = z.infer<typeof ticketChangesSchema>;

export const updateTicketInput = z.object({
  id: z.string().min(1),
  /** The version the editor saw: a newer one means someone else saved in between. */
  expectedVersion: versionSchema,
  changes: ticketChangesSchema,
  /** Why: required when escalating away from the Service Desk, kept as an internal work note. */
  note: z
    .string()
    .trim()
    .max(TEXT_MAX, `Use at most ${TEXT_MAX.toLocaleString("en-US")} characters for the note`)
    .optional(),
});
export type UpdateTicketInput = z.input<typeof updateTicketInput>;

export const addCommentInput = z.object({
  ticketId: z.string().min(1),
  body: z
    .string()
    .refine((s) => s.trim().length > 0, "Write a reply first")
    .pipe(z.string().max(TEXT_MAX, `Use at most ${TEXT_MAX.toLocaleString("en-US")} characters`)),
  /** An internal work note (agents only, never shown to end users) instead of a public reply. */
  internal: z.boolean().default(false),
});
export type AddCommentInput = z.input<typeof addCommentInput>;

export const TICKETS_PAGE_SIZE = 25;
const page = {
  cursor: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(100).default(TICKETS_PAGE_SIZE),
};

export const listMyTicketsInput = z.object({ ...page });
export type ListMyTicketsInput = z.input<typeof listMyTicketsInput>;

/** "breaching": open tickets whose response or resolution is due within the hour, or overdue. */
export const QUEUE_VIEWS = ["all", "open", "mine", "my-groups-unassigned", "breaching"] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];
/** Queue orders: each ends with the id, so a page boundary is exact (see server/tickets/queue-sort.ts). */
export const QUEUE_SORTS = ["updated", "oldest-update", "created", "priority", "due"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export const QUEUE_SORT_LABEL: Record<QueueSort, string> = {
  updated: "Recently updated",
  "oldest-update": "Least recently updated",
  created: "Newest",
  priority: "Priority (P1 first)",
  due: "Due soonest",
};
export const listQueueInput = z.object({
  view: z.enum(QUEUE_VIEWS, { error: "Choose a queue" }).default("open"),
  types: z.array(ticketTypeSchema).max(TICKET_TYPES.length).optional(),
  statuses: z.array(ticketStatusSchema).max(TICKET_STATUSES.length).optional(),
  priorities: z.array(prioritySchema).max(PRIORITIES.length).optional(),
  groupId: z.string().min(1).optional(),
  /** An agent's id, or "unassigned". */
  assigneeId: z.string().min(1).optional(),
  search: z.string().trim().max(200, "Search with at most 200 characters").optional(),
  sort: z.enum(QUEUE_SORTS, { error: "Choose an order from the list" }).default("updated"),
  ...page,
});
export type ListQueueInput = z.input<typeof listQueueInput>;
/** The filters of a queue without view, order or page: what the tab counts are counted with. */
export const queueCountsInput = listQueueInput.omit({ view: true, sort: true, cursor: true, limit: true });
export type QueueCountsInput = z.input<typeof queueCountsInput>;

const noteSchema = (what: string) =>
  z
    .string({ error: `Write ${what}` })
    .trim()
    .min(1, `Write ${what}`)
    .max(TEXT_MAX, `Use at most ${TEXT_MAX.toLocaleString("en-US")} characters for the note`);

/** Console: send a ticket to another group, saying why (kept as an internal work note). */
export const escalateTicketInput = z.object({
  id: z.string().min(1),
  expectedVersion: versionSchema,
  groupId: z.string({ error: "Choose the group" }).min(1, "Choose the group"),
  /** Optional: a member of the new group; empty leaves it to the group to pick up. */
  assigneeId: z.string().min(1).nullable().optional(),
  note: noteSchema("why the ticket goes to this group"),
});
export type EscalateTicketInput = z.input<typeof escalateTicketInput>;

/** The console workspace's field form (group changes go through escalateTicketInput). Ids are "" for none. */
export const consoleTicketFieldsForm = z.object({
  title: titleSchema,
  description: descriptionSchema,
  status: ticketStatusSchema,
  impact: impactSchema,
  urgency: urgencySchema,
  categoryId: z.string(),
  assigneeId: z.string(),
});
export type ConsoleTicketFields = z.infer<typeof consoleTicketFieldsForm>;

export const linkTicketInput = z.object({
  fromId: z.string().min(1),
  toRef: z.string({ error: "Enter a ticket number" }).trim().min(1, "Enter a ticket number, like INC-000123").max(100),
});
export type LinkTicketInput = z.input<typeof linkTicketInput>;
export const unlinkTicketInput = z.object({ linkId: z.string().min(1) });

/** Console: find a requester (active people) by name or email, for a ticket opened on their behalf. */
export const findPeopleInput = z.object({
  search: z.string().trim().max(100).default(""),
  limit: z.number().int().min(1).max(20).default(10),
});

const cell = prioritySchema;
/** The whole 3 x 3 matrix, keyed "impactxurgency" ("1x1" .. "3x3"), as the admin form saves it. */
export const savePriorityMatrixInput = z.object({
  cells: z.object({
    "1x1": cell,
    "1x2": cell,
    "1x3": cell,
    "2x1": cell,
    "2x2": cell,
    "2x3": cell,
    "3x1": cell,
    "3x2": cell,
    "3x3": cell,
  }),
});
export type SavePriorityMatrixInput = z.input<typeof savePriorityMatrixInput>;

/*
 * The portal's short form. End users do not speak ITIL: they say whether something is broken or
 * they need something, how many people it affects and how much it stops them, and those words
 * map to impact and urgency (1 high .. 3 low) for the priority matrix.
 */
export const PORTAL_KINDS = { broken: "INCIDENT", need: "REQUEST" } as const satisfies Record<
  string,
  (typeof PORTAL_TICKET_TYPES)[number]
>;
export const PORTAL_KIND_LABEL: Record<(typeof PORTAL_TICKET_TYPES)[number], string> = {
  INCIDENT: "Something is broken",
  REQUEST: "I need something",
};

export const AFFECTS = ["me", "team", "many"] as const;
export type AffectsValue = (typeof AFFECTS)[number];
export const AFFECTS_LABEL: Record<AffectsValue, string> = {
  me: "Just me",
  team: "My team or a few people",
  many: "Many people or the whole company",
};
export const AFFECTS_IMPACT: Record<AffectsValue, 1 | 2 | 3> = { me: 3, team: 2, many: 1 };

export const HOW_URGENT = ["can-wait", "slows-me-down", "cannot-work"] as const;
export type HowUrgentValue = (typeof HOW_URGENT)[number];
export const HOW_URGENT_LABEL: Record<HowUrgentValue, string> = {
  "can-wait": "It can wait a few days",
  "slows-me-down": "It slows me down",
  "cannot-work": "I cannot work",
};
export const HOW_URGENT_URGENCY: Record<HowUrgentValue, 1 | 2 | 3> = {
  "can-wait": 3,
  "slows-me-down": 2,
  "cannot-work": 1,
};

export const portalCreateTicketInput = z.object({
  type: z.enum(PORTAL_TICKET_TYPES, { error: "Choose whether something is broken or you need something" }),
  title: titleSchema,
  description: descriptionSchema.default(""),
  categoryId: z.string().min(1).nullable().optional(),
  affects: z.enum(AFFECTS, { error: "Choose who is affected" }).default("me"),
  howUrgent: z.enum(HOW_URGENT, { error: "Choose how much it stops you" }).default("slows-me-down"),
});
export type PortalCreateTicketInput = z.input<typeof portalCreateTicketInput>;

export const portalTicketRefInput = z.object({ ref: ticketRefSchema });
export const portalReplyInput = z.object({
  ticketId: z.string().min(1),
  body: z
    .string()
    .refine((s) => s.trim().length > 0, "Write a reply first")
    .pipe(z.string().max(TEXT_MAX, `Use at most ${TEXT_MAX.toLocaleString("en-US")} characters`)),
});
export type PortalReplyInput = z.input<typeof portalReplyInput>;
export const confirmResolutionInput = z.object({ ticketId: z.string().min(1) });
export const reopenTicketInput = z.object({
  ticketId: z.string().min(1),
  /** Kept as a public reply, so the agent knows where to start again. */
  reason: z
    .string()
    .trim()
    .min(1, "Say what is still not working, so the service desk knows where to start")
    .max(TEXT_MAX, `Use at most ${TEXT_MAX.toLocaleString("en-US")} characters`),
});
export type ReopenTicketInput = z.input<typeof reopenTicketInput>;
