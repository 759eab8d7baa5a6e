import "server-only";
import { router } from "../trpc/init";
import { adminProcedure } from "../trpc/procedures";
import { listAdminAuditInput } from "@/lib/validation/admin-audit";
import { listAdminAudit } from "../audit/admin-audit";

/** The administrators' audit log, for administrators: who changed what, newest first. */
export const adminAuditRouter = router({
  list: adminProcedure.input(listAdminAuditInput).query(({ ctx, input }) => listAdminAudit(ctx.db, input)),
});
