import "server-only";
import { mfaEnrolmentProcedure } from "../trpc/procedures";
import { router } from "../trpc/init";
import { totpCodeInput } from "@/lib/validation/auth";
import { confirmEnrolment, mfaStatus, startEnrolment } from "../identity/mfa/mfa";
import { env } from "../env";
import { mfaRequiredFor } from "../identity/mfa/policy";

/** One's own second factor (Account security). Callable by a session limited to enrolment. */
export const mfaRouter = router({
  status: mfaEnrolmentProcedure.query(async ({ ctx }) => ({
    ...(await mfaStatus(ctx.db, ctx.session.user.id)),
    required: mfaRequiredFor(env.MFA_REQUIRED_FOR, ctx.session.user.role),
  })),
  /** A new secret to put in an authenticator app: shown now, never again. */
  startEnrolment: mfaEnrolmentProcedure.mutation(({ ctx }) => startEnrolment(ctx.rootDb, ctx.session.user)),
  /** The first code turns it on; answers the recovery codes, shown once. */
  confirmEnrolment: mfaEnrolmentProcedure
    .input(totpCodeInput)
    .mutation(({ ctx, input }) => confirmEnrolment(ctx.rootDb, ctx.session.user.id, input.code)),
});
