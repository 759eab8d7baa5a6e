import "server-only";
import { z } from "zod";
import { router } from "../trpc/init";
import { adminProcedure } from "../trpc/procedures";
import {
  blackoutInput,
  createBlackout,
  deleteBlackout,
  listApprovalPolicies,
  saveApprovalPolicy,
} from "../changes/admin";
import { approvalPolicyInput } from "@/lib/validation/changes";

/** Change management settings: who approves each kind of change and how; blackout windows. */
export const adminChangesRouter = router({
  policies: adminProcedure.query(({ ctx }) => listApprovalPolicies(ctx.db)),
  savePolicy: adminProcedure.input(approvalPolicyInput).mutation(({ ctx, input }) => saveApprovalPolicy(ctx.db, input)),
  blackouts: adminProcedure.query(({ ctx }) =>
    ctx.db.changeBlackout.findMany({ where: { endsAt: { gt: new Date() } }, orderBy: { startsAt: "asc" }, take: 100 }),
  ),
  createBlackout: adminProcedure
    .input(blackoutInput)
    .mutation(({ ctx, input }) => createBlackout(ctx.db, ctx.session.user.id, input)),
  deleteBlackout: adminProcedure
    .input(z.object({ id: z.string().min(1).max(100) }))
    .mutation(({ ctx, input }) => deleteBlackout(ctx.db, input.id)),
});
