import "server-only";
import { router } from "../trpc/init";
import { adminProcedure } from "../trpc/procedures";
import {
  createApiAccountInput,
  issueApiTokenInput,
  revokeApiTokenInput,
  setApiAccountDisabledInput,
  setSharedLoginThresholdInput,
} from "@/lib/validation/api-accounts";
import {
  createApiAccount,
  issueApiToken,
  listApiAccounts,
  revokeApiToken,
  setApiAccountDisabled,
} from "../api/accounts";
import { setSharedLoginThreshold } from "../api/multiplexing";

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
  /** From how many devices or addresses at once a sign-in is flagged as possibly shared (the API use report). */
  setSharedLoginThreshold: adminProcedure
    .input(setSharedLoginThresholdInput)
    .mutation(({ ctx, input }) => setSharedLoginThreshold(ctx.rootDb, input.threshold)),
  revokeToken: adminProcedure
    .input(revokeApiTokenInput)
    .mutation(({ ctx, input }) => revokeApiToken(ctx.rootDb, input.id)),
});
