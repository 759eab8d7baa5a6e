import "server-only";
import { router } from "../trpc/init";
import { reportProcedure } from "../trpc/procedures";
import { getUsageReport } from "../insight/usage-report";
import { recommendSeatMix } from "../insight/optimizer";
import { replayWhatIf } from "../insight/what-if";
import { reportChoices } from "../insight/report-choices";
import { optimizerInput, usageReportInput, whatIfInput } from "@/lib/validation/insight";
import { moduleUsageInput } from "@/lib/validation/module-licenses";
import { moduleUsage } from "../licensing/modules/module-usage";

/**
 * License insight reports and the seat mix optimizer, read-only, for administrators and report
 * viewers. No procedure here takes a seat or changes anything: the optimizer and "what if" only
 * replay the recorded history.
 */
export const reportsRouter = router({
  /** Pools, seats owned, prices and licensed agents: what the report forms choose from. */
  choices: reportProcedure.query(({ ctx }) => reportChoices(ctx.rootDb)),
  usage: reportProcedure.input(usageReportInput).query(({ ctx, input }) => getUsageReport(ctx.rootDb, input)),
  /** Prices left out default to the entitlement's. */
  optimize: reportProcedure.input(optimizerInput).query(({ ctx, input }) => recommendSeatMix(ctx.rootDb, input)),
  whatIf: reportProcedure.input(whatIfInput).query(({ ctx, input }) => replayWhatIf(ctx.rootDb, input)),
  /** Per premium module: who holds a license, who used it in the last 30 days, what to reclaim. */
  moduleUsage: reportProcedure.input(moduleUsageInput).query(({ ctx, input }) => moduleUsage(ctx.rootDb, input)),
});
