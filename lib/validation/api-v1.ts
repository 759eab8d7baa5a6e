import { z } from "zod";
import {
  addCommentInput,
  confirmResolutionInput,
  createTicketInput,
  PORTAL_TICKET_TYPES,
  PRIORITIES,
  QUEUE_VIEWS,
  reopenTicketInput,
  ticketChangesSchema,
  ticketRefSchema,
  TICKET_STATUSES,
  TICKET_TYPES,
  updateTicketInput,
} from "./tickets";
import { listArticlesInput } from "./knowledge";
import { apiUseReportInput } from "./api-accounts";

/*
 * The inputs and outputs of /api/v1, built from the app's own schemas (lib/validation/tickets.ts,
 * knowledge.ts): the same rules and messages, strict (a field the schema does not know is
 * refused instead of ignored), so a program's typo is not silently dropped.
 */

const shape = createTicketInput.shape;
/** A ticket raised for a requester: what the portal's form asks, in the console's terms. */
export const apiCreateTicketInput = z.strictObject({
  type: z.enum(PORTAL_TICKET_TYPES, { error: "A requester raises an INCIDENT or a REQUEST" }).default("INCIDENT"),
  title: shape.title,
  description: shape.description,
  impact: shape.impact,
  urgency: shape.urgency,
  categoryId: shape.categoryId,
});

export const apiListTicketsInput = z.strictObject({
  view: z
    .enum(QUEUE_VIEWS.filter((v) => v !== "mine" && v !== "my-groups-unassigned") as ["all", "open", "breaching"], {
      error: "Choose all, open or breaching",
    })
    .default("open"),
  search: z.string().trim().max(200, "Search with at most 200 characters").optional(),
  cursor: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});

export const apiTicketRefInput = z.strictObject({ ref: ticketRefSchema });

export const apiRequesterReplyInput = z.strictObject({
  ticketId: z.string().min(1),
  body: addCommentInput.shape.body,
});

/** The requester's answers to a resolution, as in the portal: confirm it (Closed), or reopen it saying why. */
export const apiConfirmResolutionInput = z.strictObject({ ticketId: confirmResolutionInput.shape.ticketId });
export const apiReopenTicketInput = z.strictObject({
  ticketId: reopenTicketInput.shape.ticketId,
  reason: reopenTicketInput.shape.reason,
});

export const apiCommentInput = z.strictObject({
  ticketId: z.string().min(1),
  body: addCommentInput.shape.body,
  internal: addCommentInput.shape.internal,
});

export const apiUpdateTicketInput = z.strictObject({
  id: updateTicketInput.shape.id,
  expectedVersion: updateTicketInput.shape.expectedVersion,
  changes: ticketChangesSchema.strict(),
  note: updateTicketInput.shape.note,
});

export const apiKnowledgeSearchInput = z.strictObject({
  search: listArticlesInput.shape.search,
  cursor: listArticlesInput.shape.cursor,
  limit: listArticlesInput.shape.limit,
});

const person = z.object({ id: z.string(), name: z.string() });
const when = z.string().meta({ format: "date-time" });

export const apiCreatedTicket = z.object({
  id: z.string(),
  type: z.enum(TICKET_TYPES),
  number: z.number().int(),
  displayNumber: z.string(),
});

export const apiTicketListItem = z.object({
  id: z.string(),
  displayNumber: z.string(),
  type: z.enum(TICKET_TYPES),
  title: z.string(),
  status: z.enum(TICKET_STATUSES),
  priority: z.enum(PRIORITIES),
  requester: person,
  assignee: person.nullable(),
  group: person.nullable(),
  createdAt: when,
  updatedAt: when,
});
export const apiTicketPage = z.object({ items: z.array(apiTicketListItem), nextCursor: z.string().nullable() });

export const apiTicket = apiTicketListItem.extend({
  description: z.string(),
  impact: z.number().int(),
  urgency: z.number().int(),
  version: z.number().int(),
  category: person.nullable(),
  comments: z.array(
    z.object({ id: z.string(), body: z.string(), internal: z.boolean(), createdAt: when, author: person }),
  ),
  history: z.array(
    z.object({
      field: z.string(),
      fromValue: z.string().nullable(),
      toValue: z.string().nullable(),
      version: z.number().int(),
      at: when,
      actor: person.nullable(),
    }),
  ),
});

export const apiComment = z.object({ id: z.string(), createdAt: when });
export const apiUpdatedTicket = z.object({ id: z.string(), version: z.number().int(), changed: z.array(z.string()) });

export const apiArticlePage = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      excerpt: z.string(),
      category: person.nullable(),
      updatedAt: when,
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const apiPing = z.object({ ok: z.literal(true), account: z.string() });

/** The API use (multiplexing) report of /reports/api (server/api/multiplexing.ts), for a period in days. */
export const apiUseReportQuery = apiUseReportInput;
export const apiUseReportOutput = z.object({
  days: z.number().int(),
  from: when,
  to: when,
  threshold: z
    .number()
    .int()
    .meta({ description: "Sign-ins from this many devices or addresses at once are flagged." }),
  accounts: z.array(
    z.object({
      accountId: z.string(),
      name: z.string(),
      disabled: z.boolean(),
      endUsers: z.number().int().meta({ description: "Distinct end users acted for" }),
      agents: z.number().int().meta({ description: "Distinct agents acted for" }),
      writes: z.number().int(),
      refusedNoSeat: z.number().int().meta({ description: "Agent actions refused for want of a seat" }),
      agentsRefusedNoSeat: z.number().int(),
      refusedUnlicensed: z.number().int().meta({ description: "Agent actions refused: no agent license" }),
    }),
  ),
  sharedLogins: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      email: z.string(),
      role: z.string(),
      devices: z.number().int(),
      addresses: z.number().int(),
      at: when,
    }),
  ),
});
