import "server-only";
import { router } from "../trpc/init";
import { portalProcedure } from "../trpc/procedures";
import { savePreferencesInput } from "@/lib/validation/mail";
import { getMailSettings, saveMailSettings } from "../mail/settings";

/** My own mail settings: which notices I want (/portal/settings). */
export const portalMailSettingsRouter = router({
  get: portalProcedure.query(({ ctx }) => getMailSettings(ctx.db, ctx.session.user)),
  save: portalProcedure
    .input(savePreferencesInput)
    .mutation(({ ctx, input }) => saveMailSettings(ctx.db, ctx.session.user, input)),
});
