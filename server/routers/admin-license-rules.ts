import "server-only";
import { router } from "../trpc/init";
import { adminProcedure } from "../trpc/procedures";
import {
  applyRulesToEveryone,
  listPinned,
  listRules,
  pinPerson,
  previewRules,
  saveRules,
  unpinPerson,
} from "../identity/rules/license-rules";
import {
  applyRulesInput,
  pinInput,
  pinnedPageInput,
  previewRulesInput,
  saveRulesInput,
  unpinInput,
} from "@/lib/validation/license-rules";

/** License rules by identity attributes (job code, department, groups, employee type), and pins by hand. */
const actor = (ctx: { session: { user: { id: string } }; requestId: string }) => ({
  actorId: ctx.session.user.id,
  requestId: ctx.requestId,
  source: "administrator",
});

export const adminLicenseRulesRouter = router({
  list: adminProcedure.query(({ ctx }) => listRules(ctx.db)),
  preview: adminProcedure
    .input(previewRulesInput)
    .query(({ ctx, input }) => previewRules(ctx.db, input, ctx.session.user.id)),
  /** Saves the list and applies it to everyone; `confirmAdminGrant` when it makes new administrators. */
  save: adminProcedure.input(saveRulesInput).mutation(({ ctx, input }) => saveRules(ctx.db, actor(ctx), input)),
  applyToEveryone: adminProcedure
    .input(applyRulesInput)
    .mutation(({ ctx, input }) => applyRulesToEveryone(ctx.db, actor(ctx), input)),
  pinned: adminProcedure.input(pinnedPageInput).query(({ ctx, input }) => listPinned(ctx.db, input)),
  pin: adminProcedure.input(pinInput).mutation(({ ctx, input }) => pinPerson(ctx.db, actor(ctx), input)),
  unpin: adminProcedure.input(unpinInput).mutation(({ ctx, input }) => unpinPerson(ctx.db, input)),
});
