import "server-only";
import { router } from "../trpc/init";
import { agentProcedure, moduleProcedure } from "../trpc/procedures";
import type { Context } from "../trpc/context";
import type { ValidSession } from "../auth/auth-sessions";
import type { TicketActor } from "../tickets/actor";
import { getProblem, resolveProblem, updateProblem } from "../problems/problems";
import { problemTicketInput, resolveProblemInput, updateProblemInput } from "@/lib/validation/problems";

/**
 * Problem management in the console (module "problem"). Reading a problem needs no seat and no
 * module license; changing it or resolving it with its incidents is a module door: a live seat
 * and the problem license (moduleProcedure).
 */
const actor = (ctx: Context & { session: ValidSession }): TicketActor => ({
  id: ctx.session.user.id,
  role: ctx.session.user.role,
  via: "console",
});

export const problemsRouter = router({
  get: agentProcedure.input(problemTicketInput).query(({ ctx, input }) => getProblem(ctx.db, input.ticketId)),
  update: moduleProcedure("problem")
    .input(updateProblemInput)
    .mutation(({ ctx, input }) => updateProblem(ctx.db, actor(ctx), input)),
  resolve: moduleProcedure("problem")
    .input(resolveProblemInput)
    .mutation(({ ctx, input }) => resolveProblem(ctx.db, actor(ctx), input)),
});
