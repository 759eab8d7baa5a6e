import "server-only";
import { router } from "../trpc/init";
import { apiAgentWrite, apiProcedure, apiReadProcedure, apiRequesterWrite } from "../trpc/procedures";
import {
  apiArticlePage,
  apiComment,
  apiCommentInput,
  apiConfirmResolutionInput,
  apiCreatedTicket,
  apiCreateTicketInput,
  apiKnowledgeSearchInput,
  apiListTicketsInput,
  apiPing,
  apiReopenTicketInput,
  apiRequesterReplyInput,
  apiTicket,
  apiTicketPage,
  apiTicketRefInput,
  apiUpdatedTicket,
  apiUpdateTicketInput,
  apiUseReportOutput,
  apiUseReportQuery,
} from "@/lib/validation/api-v1";
import { z } from "zod";
import { createTicket } from "../tickets/create-ticket";
import { addComment } from "../tickets/add-comment";
import { updateTicket } from "../tickets/update-ticket";
import { listQueue } from "../tickets/list-tickets";
import { getConsoleTicket } from "../tickets/console-view";
import { listArticles } from "../knowledge/read";
import { idempotent } from "../api/idempotency";
import { confirmResolution, reopenTicket } from "../tickets/requester-status";
import { apiUseReport } from "../api/multiplexing";
import type { TicketViewer } from "../tickets/actor";
import type { ApiRequest } from "../api/caller";

/*
 * The API for programs, served at /api/v1 (OpenAPI 3.1 at /api/v1/openapi.json) by
 * trpc-to-openapi from these procedures: the same domain functions and schemas as the portal and
 * the console, behind the builders of server/trpc/procedures.ts (token, scope, the person acted
 * for, their seat). Dates go out as ISO 8601 strings.
 */

const TAG_TICKETS = ["Tickets"];
const WRITE_HEADERS = z.object({
  "On-Behalf-Of": z.string().meta({ description: "The person this change is for: their email or employee id." }),
});
const CREATE_HEADERS = WRITE_HEADERS.extend({
  "Idempotency-Key": z
    .string()
    .optional()
    .meta({ description: "A retried request with the same key returns the first result." }),
});
const iso = (d: Date) => d.toISOString();

/** A program reads like the read-only console; internal notes only with a token that may act for agents. */
const apiViewer = (api: ApiRequest): TicketViewer => ({ id: `api:${api.caller.accountId}`, role: "AGENT" });

export const apiV1Router = router({
  ping: apiProcedure
    .meta({ openapi: { method: "GET", path: "/ping", summary: "Check a token (does nothing)", tags: ["Service"] } })
    .input(z.void())
    .output(apiPing)
    .query(({ ctx }) => ({ ok: true as const, account: ctx.api.caller.accountName })),

  createTicket: apiRequesterWrite(apiCreateTicketInput)
    .meta({
      openapi: {
        method: "POST",
        path: "/tickets",
        summary: "Open a ticket for a requester",
        description: "Acting for an end user needs no seat. The ticket's history names the account and the person.",
        tags: TAG_TICKETS,
        requestHeaders: CREATE_HEADERS,
        errorResponses: [400, 401, 403, 422, 429],
      },
    })
    .output(apiCreatedTicket)
    .mutation(({ ctx, input }) =>
      idempotent(ctx.db, ctx.api, "createTicket", input, () =>
        createTicket(ctx.db, ctx.actor, { ...input, categoryId: input.categoryId ?? null }, { at: ctx.api.checkedAt }),
      ),
    ),

  listTickets: apiReadProcedure("READ_TICKETS")
    .meta({
      openapi: { method: "GET", path: "/tickets", summary: "List tickets, a page at a time", tags: TAG_TICKETS },
    })
    .input(apiListTicketsInput)
    .output(apiTicketPage)
    .query(async ({ ctx, input }) => {
      const page = await listQueue(ctx.db, apiViewer(ctx.api), input);
      return {
        nextCursor: page.nextCursor,
        items: page.items.map((t) => ({
          id: t.id,
          displayNumber: t.displayNumber,
          type: t.type,
          title: t.title,
          status: t.status,
          priority: t.priority,
          requester: t.requester,
          assignee: t.assignee,
          group: t.group,
          createdAt: iso(t.createdAt),
          updatedAt: iso(t.updatedAt),
        })),
      };
    }),

  getTicket: apiReadProcedure("READ_TICKETS")
    .meta({
      openapi: {
        method: "GET",
        path: "/tickets/{ref}",
        summary: "Read a ticket by id or number (INC-000123)",
        description: "Internal notes and the history are included only for tokens that may act for agents.",
        tags: TAG_TICKETS,
      },
    })
    .input(apiTicketRefInput)
    .output(apiTicket)
    .query(async ({ ctx, input }) => {
      const t = await getConsoleTicket(ctx.db, apiViewer(ctx.api), input.ref);
      const agentView = ctx.api.caller.scopes.includes("ACT_FOR_AGENTS");
      return {
        id: t.id,
        displayNumber: t.displayNumber,
        type: t.type,
        title: t.title,
        description: t.description,
        status: t.status,
        priority: t.priority,
        impact: t.impact,
        urgency: t.urgency,
        version: t.version,
        requester: { id: t.requester.id, name: t.requester.name },
        assignee: t.assignee,
        group: t.group,
        category: t.category,
        createdAt: iso(t.createdAt),
        updatedAt: iso(t.updatedAt),
        comments: t.comments
          .filter((c) => agentView || !c.internal)
          .map((c) => ({
            id: c.id,
            body: c.body,
            internal: c.internal,
            createdAt: iso(c.createdAt),
            author: c.author,
          })),
        history: agentView
          ? t.history.map((h) => ({
              field: h.field,
              fromValue: h.fromValue,
              toValue: h.toValue,
              version: h.version,
              at: iso(h.at),
              actor: h.actor,
            }))
          : [],
      };
    }),

  replyAsRequester: apiRequesterWrite(apiRequesterReplyInput)
    .meta({
      openapi: {
        method: "POST",
        path: "/tickets/{ticketId}/requester-replies",
        summary: "Reply as the ticket's requester",
        description: "Only the requester of the ticket can be named. No seat is needed.",
        tags: TAG_TICKETS,
        requestHeaders: WRITE_HEADERS,
      },
    })
    .output(apiComment)
    .mutation(async ({ ctx, input }) => {
      const c = await addComment(ctx.db, ctx.actor, { ticketId: input.ticketId, body: input.body, internal: false });
      return { id: c.id, createdAt: iso(c.createdAt) };
    }),

  confirmResolution: apiRequesterWrite(apiConfirmResolutionInput)
    .meta({
      openapi: {
        method: "POST",
        path: "/tickets/{ticketId}/confirm-resolution",
        summary: "Confirm a resolution as the ticket's requester (Resolved to Closed)",
        description: "Only the requester of the ticket can be named. No seat is needed, as in the portal.",
        tags: TAG_TICKETS,
        requestHeaders: WRITE_HEADERS,
      },
    })
    .output(apiUpdatedTicket)
    .mutation(({ ctx, input }) => confirmResolution(ctx.db, ctx.actor, input)),

  reopen: apiRequesterWrite(apiReopenTicketInput)
    .meta({
      openapi: {
        method: "POST",
        path: "/tickets/{ticketId}/reopen",
        summary: "Reopen a resolved ticket as its requester, saying what is still wrong",
        description:
          "The reason is kept as a public reply. Within the auto-close window only; " +
          "a closed ticket is not reopened (open a new one). No seat is needed.",
        tags: TAG_TICKETS,
        requestHeaders: WRITE_HEADERS,
      },
    })
    .output(apiUpdatedTicket)
    .mutation(({ ctx, input }) => reopenTicket(ctx.db, ctx.actor, input)),

  comment: apiAgentWrite(apiCommentInput)
    .meta({
      openapi: {
        method: "POST",
        path: "/tickets/{ticketId}/comments",
        summary: "A public reply or an internal note, as an agent",
        description:
          "Needs the agent's seat, taken for them as their console would: a named agent always, a pool " +
          "member only while a seat is free (else 409 with the pool's numbers).",
        tags: TAG_TICKETS,
        requestHeaders: WRITE_HEADERS,
      },
    })
    .output(apiComment)
    .mutation(async ({ ctx, input }) => {
      const c = await addComment(ctx.db, ctx.actor, input);
      return { id: c.id, createdAt: iso(c.createdAt) };
    }),

  updateTicket: apiAgentWrite(apiUpdateTicketInput)
    .meta({
      openapi: {
        method: "PATCH",
        path: "/tickets/{id}",
        summary: "Change status, assignment, priority (impact and urgency) or fields, as an agent",
        description:
          "Name the version you read (expectedVersion): a stale one is 409 with what changed since. Needs " +
          "the agent's seat.",
        tags: TAG_TICKETS,
        requestHeaders: WRITE_HEADERS,
      },
    })
    .output(apiUpdatedTicket)
    .mutation(({ ctx, input }) => updateTicket(ctx.db, ctx.actor, input)),

  apiUseReport: apiReadProcedure("READ_REPORTS")
    .meta({
      openapi: {
        method: "GET",
        path: "/reports/api-use",
        summary: "API use (multiplexing): people acted for per account, refusals, shared logins",
        description:
          "The report administrators and report viewers read at " +
          "/reports/api, for the last `days` days (30 by default).",
        tags: ["Reports"],
      },
    })
    .input(apiUseReportQuery)
    .output(apiUseReportOutput)
    .query(async ({ ctx, input }) => {
      const report = await apiUseReport(ctx.db, input);
      return {
        ...report,
        from: iso(report.from),
        to: iso(report.to),
        sharedLogins: report.sharedLogins.map((p) => ({ ...p, at: iso(p.at) })),
      };
    }),

  searchKnowledge: apiReadProcedure("READ_KNOWLEDGE")
    .meta({
      openapi: { method: "GET", path: "/knowledge", summary: "Search the published articles", tags: ["Knowledge"] },
    })
    .input(apiKnowledgeSearchInput)
    .output(apiArticlePage)
    .query(async ({ ctx, input }) => {
      const page = await listArticles(ctx.db, "portal", input);
      return {
        nextCursor: page.nextCursor,
        items: page.items.map((a) => ({
          id: a.id,
          title: a.title,
          excerpt: a.excerpt,
          category: a.category,
          updatedAt: iso(a.updatedAt),
        })),
      };
    }),
});
