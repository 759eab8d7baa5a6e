import "server-only";
import { router } from "../trpc/init";
import { agentProcedure, seatedProcedure } from "../trpc/procedures";
import type { Context } from "../trpc/context";
import type { ValidSession } from "../auth/auth-sessions";
import {
  addCommentInput,
  createTicketInput,
  escalateTicketInput,
  findPeopleInput,
  linkTicketInput,
  listQueueInput,
  queueCountsInput,
  ticketRefSchema,
  unlinkTicketInput,
  updateTicketInput,
} from "@/lib/validation/tickets";
import { z } from "zod";
import type { TicketActor, TicketViewer } from "../tickets/actor";
import { countQueues, listQueue } from "../tickets/list-tickets";
import { getConsoleTicket } from "../tickets/console-view";
import { consoleLookups, findPeople } from "../tickets/console-lookups";
import { createTicket } from "../tickets/create-ticket";
import { updateTicket } from "../tickets/update-ticket";
import { escalateTicket } from "../tickets/escalate-ticket";
import { addComment } from "../tickets/add-comment";
import { linkTickets } from "../tickets/links";
import { unlinkTickets } from "../tickets/unlink";

const viewer = (ctx: Context & { session: ValidSession }): TicketViewer => ({
  id: ctx.session.user.id,
  role: ctx.session.user.role,
});
const consoleActor = (ctx: Context & { session: ValidSession }): TicketActor => ({ ...viewer(ctx), via: "console" });

/**
 * The console's tickets: queues and reads need no seat (agentProcedure: the read-only console),
 * every change needs a live one (seatedProcedure: ctx.db is the transaction holding the seat fence).
 */
export const consoleTicketsRouter = router({
  queue: agentProcedure.input(listQueueInput).query(({ ctx, input }) => listQueue(ctx.db, viewer(ctx), input)),
  counts: agentProcedure.input(queueCountsInput).query(({ ctx, input }) => countQueues(ctx.db, viewer(ctx), input)),
  get: agentProcedure
    .input(z.object({ ref: ticketRefSchema }))
    .query(({ ctx, input }) => getConsoleTicket(ctx.db, viewer(ctx), input.ref)),
  lookups: agentProcedure.query(({ ctx }) => consoleLookups(ctx.db, viewer(ctx))),
  people: agentProcedure.input(findPeopleInput).query(({ ctx, input }) => findPeople(ctx.db, viewer(ctx), input)),

  create: seatedProcedure
    .input(createTicketInput)
    .mutation(({ ctx, input }) => createTicket(ctx.db, consoleActor(ctx), input)),
  /** Fields, status and assignment, with the version the agent saw: a stale one is CONFLICT with what changed and by
   * whom. */
  update: seatedProcedure
    .input(updateTicketInput)
    .mutation(({ ctx, input }) => updateTicket(ctx.db, consoleActor(ctx), input)),
  escalate: seatedProcedure
    .input(escalateTicketInput)
    .mutation(({ ctx, input }) => escalateTicket(ctx.db, consoleActor(ctx), input)),
  /** A public reply, or an internal work note (`internal: true`). */
  comment: seatedProcedure
    .input(addCommentInput)
    .mutation(({ ctx, input }) => addComment(ctx.db, consoleActor(ctx), input)),
  link: seatedProcedure
    .input(linkTicketInput)
    .mutation(({ ctx, input }) => linkTickets(ctx.db, consoleActor(ctx), input)),
  unlink: seatedProcedure
    .input(unlinkTicketInput)
    .mutation(({ ctx, input }) => unlinkTickets(ctx.db, consoleActor(ctx), input)),
});
