import { router } from "../trpc/init";
import { adminProcedure } from "../trpc/procedures";
import {
  createApiAccountInput,
  issueApiTokenInput,
  revokeApiTokenInput,
  setApiAccountDisabledInput,
} from "@/lib/validation/api-accounts";
import {
  createApiAccount,
  issueApiToken,
  listApiAccounts,
  revokeApiToken,
  setApiAccountDisabled,
} from "../api/accounts";

/** API accounts and tokens (administrators; every change is in the audit log). */
export const adminApiAccountsRouter = router({
  list: adminProcedure.query(({ ctx }) => listApiAccounts(ctx.db)),
  create: adminProcedure
    .input(createApiAccountInput)
    .mutation(({ ctx, input }) => createApiAccount(ctx.rootDb, ctx.session.user.id, input)),
  setDisabled: adminProcedure
    .input(setApiAccountDisabledInput)
    .mutation(({ ctx, input }) => setApiAccountDisabled(ctx.rootDb, input)),
  issueToken: adminProcedure
    .input(issueApiTokenInput)
    .mutation(({ ctx, input }) => issueApiToken(ctx.rootDb, ctx.session.user.id, input)),
  revokeToken: adminProcedure
    .input(revokeApiTokenInput)
    .mutation(({ ctx, input }) => revokeApiToken(ctx.rootDb, input.id)),
});
