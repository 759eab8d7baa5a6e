import "server-only";
import { Prisma } from "../../db/generated/client";
import type { DbOrTx } from "../../db/transaction";
import { MODULE_UNUSED_DAYS, moduleUsageInput, type ModuleUsageInput } from "@/lib/validation/module-licenses";
import type { LicenseModule } from "@/lib/validation/license-file";
import { moduleName, modulesGranted } from "./module-licenses";

/*
 * Who holds each module's licenses and who used them in the last 30 days: the unused ones are the
 * candidates to reclaim (a license worked nowhere costs as much as one worked every day).
 */

export type ModuleHolder = {
  userId: string;
  name: string;
  email: string;
  active: boolean;
  assignedAt: Date;
  lastUsedAt: Date | null;
  /** Not used in the last MODULE_UNUSED_DAYS days (or never): a candidate to reclaim. */
  unused: boolean;
};

export type ModuleUsage = {
  module: LicenseModule;
  name: string;
  granted: number;
  assigned: number;
  usedRecently: number;
  unused: number;
  holders: ModuleHolder[];
  page: number;
  pageSize: number;
};

export async function moduleUsage(db: DbOrTx, rawInput: ModuleUsageInput): Promise<ModuleUsage> {
  const input = moduleUsageInput.parse(rawInput);
  const since = Prisma.sql`now() - make_interval(days => ${MODULE_UNUSED_DAYS}::int)`;
  const [granted, [counts], holders] = await Promise.all([
    modulesGranted(db),
    db.$queryRaw<{ assigned: number; usedRecently: number }[]>`
      select count(*)::int as assigned, (count(*) filter (where "lastUsedAt" >= ${since}))::int as "usedRecently"
      from "ModuleLicense" where module = ${input.module}::"PremiumModule"`,
    db.$queryRaw<ModuleHolder[]>`
      select m."userId", u.name, u.email, u.active, m."assignedAt", m."lastUsedAt",
        (m."lastUsedAt" is null or m."lastUsedAt" < ${since}) as unused
      from "ModuleLicense" m join "User" u on u.id = m."userId"
      where m.module = ${input.module}::"PremiumModule"
      order by m."lastUsedAt" asc nulls first, m.id
      limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}`,
  ]);
  return {
    module: input.module,
    name: moduleName(input.module),
    granted: granted[input.module],
    assigned: counts!.assigned,
    usedRecently: counts!.usedRecently,
    unused: counts!.assigned - counts!.usedRecently,
    holders,
    page: input.page,
    pageSize: input.pageSize,
  };
}
