import "server-only";
import { router } from "../trpc/init";
import { portalProcedure } from "../trpc/procedures";
import type { Context } from "../trpc/context";
import type { ValidSession } from "../auth/auth-sessions";
import {
  AFFECTS_IMPACT,
  confirmResolutionInput,
  HOW_URGENT_URGENCY,
  listMyTicketsInput,
  portalCreateTicketInput,
  portalReplyInput,
  portalTicketRefInput,
  reopenTicketInput,
} from "@/lib/validation/tickets";
import type { TicketActor } from "../tickets/actor";
import { createTicket } from "../tickets/create-ticket";
import { listMyTickets } from "../tickets/list-tickets";
import { addComment } from "../tickets/add-comment";
import { getPortalTicket, portalViewer } from "../tickets/portal-view";
import { confirmResolution, reopenTicket } from "../tickets/requester-status";
import { listCategories } from "../tickets/categories";

const actor = (ctx: Context & { session: ValidSession }): TicketActor => ({
  id: ctx.session.user.id,
  role: ctx.session.user.role,
  via: "portal",
});

/**
 * The self-service portal's tickets: anyone who may raise a ticket (end users, and agents and
 * administrators for their own), never a report viewer. No seat is ever involved, and everyone
 * acts here with a requester's powers over their own tickets only.
 */
export const portalTicketsRouter = router({
  categories: portalProcedure.query(({ ctx }) => listCategories(ctx.db)),
  create: portalProcedure.input(portalCreateTicketInput).mutation(({ ctx, input }) =>
    createTicket(ctx.db, actor(ctx), {
      type: input.type,
      title: input.title,
      description: input.description,
      categoryId: input.categoryId ?? null,
      impact: AFFECTS_IMPACT[input.affects],
      urgency: HOW_URGENT_URGENCY[input.howUrgent],
    }),
  ),
  list: portalProcedure
    .input(listMyTicketsInput)
    .query(({ ctx, input }) => listMyTickets(ctx.db, portalViewer(ctx.session.user), input)),
  get: portalProcedure
    .input(portalTicketRefInput)
    .query(({ ctx, input }) => getPortalTicket(ctx.db, ctx.session.user, input.ref)),
  reply: portalProcedure
    .input(portalReplyInput)
    .mutation(({ ctx, input }) =>
      addComment(ctx.db, actor(ctx), { ticketId: input.ticketId, body: input.body, internal: false }),
    ),
  confirmResolution: portalProcedure
    .input(confirmResolutionInput)
    .mutation(({ ctx, input }) => confirmResolution(ctx.db, actor(ctx), input)),
  reopen: portalProcedure
    .input(reopenTicketInput)
    .mutation(({ ctx, input }) => reopenTicket(ctx.db, actor(ctx), input)),
});
