import "server-only";
import { middleware } from "../init";
import { recordAdminAudit } from "../../audit/admin-audit";

/**
 * Keeps every successful change an administrator makes in the audit log (AdminAuditEvent): the
 * procedure, its input as sent (passwords hidden), who and the request. Reads are not kept. The
 * row is written after the change committed, so a change refused or failed is never logged as
 * made; should the log write itself fail, the change stands and the failure is logged loudly.
 */
export const auditAdminChanges = middleware(async ({ ctx, next, path, type, getRawInput }) => {
  const result = await next();
  if (result.ok && type === "mutation" && ctx.session) {
    try {
      await recordAdminAudit(ctx.rootDb, {
        actorId: ctx.session.user.id,
        action: path,
        input: await getRawInput(),
        requestId: ctx.requestId,
      });
    } catch (error) {
      ctx.log.error("an administrator's change could not be written to the audit log", {
        action: path,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return result;
});
