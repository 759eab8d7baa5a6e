import "server-only";
import { protectedProcedure } from "../trpc/procedures";
import { router } from "../trpc/init";
import { changePasswordInput } from "@/lib/validation/account";
import { changeOwnPassword } from "../auth/change-password";

/** What every signed-in person may do to their own account. */
export const accountRouter = router({
  /** A new password, proven by the current one; every other session of theirs ends. */
  changePassword: protectedProcedure
    .input(changePasswordInput)
    .mutation(({ ctx, input }) =>
      changeOwnPassword(ctx.rootDb, ctx.session, input, { requestId: ctx.requestId, clientAddress: ctx.clientAddress }),
    ),
});
