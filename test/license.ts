import type { Db } from "@/server/db/client";
import { installLicenseFile } from "@/server/licensing/license-file/install";
import { devSignedLicense } from "@/prisma/demo/dev-license";
import { newAdmin } from "./allocation";

export { devSignedLicense };

/** Installs a development-signed license granting these numbers, as a new administrator. */
export async function installDevLicense(db: Db, grants: Parameters<typeof devSignedLicense>[0] = {}) {
  const admin = await newAdmin(db);
  return installLicenseFile(db, admin.actor(), { text: devSignedLicense(grants) });
}
