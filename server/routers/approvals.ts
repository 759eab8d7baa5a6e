import "server-only";
import { z } from "zod";
import { router } from "../trpc/init";
import { protectedProcedure } from "../trpc/procedures";
import { decideApproval } from "../changes/approvals";
import { approvalForApprover, waitingForMe } from "../changes/read";
import { decideApprovalInput, pageOfApprovalsInput } from "@/lib/validation/changes";

/**
 * Approving changes: for anyone signed in who was asked (managers, the CFO, CAB members). No seat
 * and no agent license: the rule is "it is your approval", checked in the domain (changes/approvals.ts).
 */
export const approvalsRouter = router({
  waiting: protectedProcedure
    .input(pageOfApprovalsInput)
    .query(({ ctx, input }) => waitingForMe(ctx.db, ctx.session.user.id, input)),
  get: protectedProcedure
    .input(z.object({ approvalId: z.string().min(1).max(100) }))
    .query(({ ctx, input }) => approvalForApprover(ctx.db, ctx.session.user.id, input.approvalId)),
  decide: protectedProcedure
    .input(decideApprovalInput)
    .mutation(({ ctx, input }) => decideApproval(ctx.db, { id: ctx.session.user.id }, input)),
});
