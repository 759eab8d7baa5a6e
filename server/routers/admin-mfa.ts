import "server-only";
import { z } from "zod";
import { adminProcedure } from "../trpc/procedures";
import { router } from "../trpc/init";
import { mfaStatus, resetMfa } from "../identity/mfa/mfa";

const personInput = z.object({ userId: z.string().min(1, "Choose a person").max(100) });

/** An administrator resets a person's second factor (kept in the audit log by adminProcedure). */
export const adminMfaRouter = router({
  status: adminProcedure.input(personInput).query(({ ctx, input }) => mfaStatus(ctx.db, input.userId)),
  reset: adminProcedure.input(personInput).mutation(({ ctx, input }) => resetMfa(ctx.rootDb, input.userId)),
});
