import "server-only";
import { z } from "zod";
import { router } from "../trpc/init";
import { agentProcedure, moduleProcedure } from "../trpc/procedures";
import type { Context } from "../trpc/context";
import type { ValidSession } from "../auth/auth-sessions";
import type { TicketActor } from "../tickets/actor";
import {
  createChange,
  moveChange,
  requestApprovalAgain,
  startChangeRecord,
  updateChangePlan,
} from "../changes/workflow";
import { changeCalendar, getChange } from "../changes/read";
import { changeCalendarInput, changePlanInput, createChangeInput, moveChangeInput } from "@/lib/validation/changes";

/**
 * Change management in the console (module "change"). Reading a change and the calendar needs no
 * seat and no module license; everything that changes a change is a module door: a live seat and
 * the change license (moduleProcedure).
 */
const actor = (ctx: Context & { session: ValidSession }): TicketActor => ({
  id: ctx.session.user.id,
  role: ctx.session.user.role,
  via: "console",
});
const ticketIdInput = z.object({ ticketId: z.string().min(1).max(100) });

export const changesRouter = router({
  get: agentProcedure.input(ticketIdInput).query(({ ctx, input }) => getChange(ctx.db, input.ticketId)),
  calendar: agentProcedure.input(changeCalendarInput).query(({ ctx, input }) => changeCalendar(ctx.db, input)),
  create: moduleProcedure("change")
    .input(createChangeInput)
    .mutation(({ ctx, input }) => createChange(ctx.db, actor(ctx), input)),
  /** Tracks a change ticket opened without its plan (the new-ticket form, older tickets). */
  start: moduleProcedure("change")
    .input(ticketIdInput)
    .mutation(({ ctx, input }) => startChangeRecord(ctx.db, actor(ctx), input.ticketId)),
  updatePlan: moduleProcedure("change")
    .input(changePlanInput)
    .mutation(({ ctx, input }) => updateChangePlan(ctx.db, actor(ctx), input)),
  move: moduleProcedure("change")
    .input(moveChangeInput)
    .mutation(({ ctx, input }) => moveChange(ctx.db, actor(ctx), input)),
  requestApprovalAgain: moduleProcedure("change")
    .input(ticketIdInput)
    .mutation(({ ctx, input }) => requestApprovalAgain(ctx.db, actor(ctx), input.ticketId)),
});
