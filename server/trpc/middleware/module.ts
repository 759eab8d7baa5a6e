import "server-only";
import { middleware } from "../init";
import type { LicenseModule } from "@/lib/validation/license-file";
import { assertModuleLicense } from "../../licensing/modules/module-licenses";

/**
 * Working a premium module needs its exclusive license (../shared/licensing.md). Runs after
 * requireSeat, so the check (and the "last used" mark) commits with the procedure's own writes.
 */
export function requireModuleLicense(module: LicenseModule) {
  return middleware(async ({ ctx, next }) => {
    await assertModuleLicense(ctx.db, ctx.session!.user.id, module);
    return next();
  });
}
