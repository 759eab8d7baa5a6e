import "server-only";
import { router } from "../trpc/init";
import { reportProcedure } from "../trpc/procedures";
import { apiUseReportInput } from "@/lib/validation/api-accounts";
import { apiUseReport } from "../api/multiplexing";

/** The API accounts' use (multiplexing): administrators and report viewers. */
export const reportsApiRouter = router({
  use: reportProcedure.input(apiUseReportInput).query(({ ctx, input }) => apiUseReport(ctx.db, input)),
});
