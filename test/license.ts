import type { Db } from "@/server/db/client";
import { LICENSE_MODULES, type LicenseModule } from "@/lib/validation/license-file";
import { installLicenseFile } from "@/server/licensing/license-file/install";
import { devSignedLicense } from "@/prisma/demo/dev-license";
import { newAdmin } from "./allocation";

export { devSignedLicense };

/** Installs a development-signed license granting these numbers, as a new administrator. */
export async function installDevLicense(db: Db, grants: Parameters<typeof devSignedLicense>[0] = {}) {
  const admin = await newAdmin(db);
  return installLicenseFile(db, admin.actor(), { text: devSignedLicense(grants) });
}

/** Gives people module licenses directly (test setup, like resetSeats): the tests of ticket work, not of limits. */
export async function giveModuleLicenses(
  db: Db,
  userIds: readonly string[],
  modules: readonly LicenseModule[] = LICENSE_MODULES,
): Promise<void> {
  await db.moduleLicense.createMany({
    data: userIds.flatMap((userId) => modules.map((module) => ({ userId, module }))),
    skipDuplicates: true,
  });
}
