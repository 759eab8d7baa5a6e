import "server-only";
import { getDb } from "@/server/db/client";
import { currentLicense } from "@/server/licensing/license-file/install";
import { LicenseStandingAlert } from "@/components/admin/licenses/license-standing";

/**
 * The license's standing above every page of an area: administrators see it from the last 30 days
 * of validity on; the console shows it to everyone once the grace period runs, so agents know why
 * nothing can be changed after it (../shared/licensing.md, "The license file").
 */
export async function LicenseBanner({ audience }: { audience: "admin" | "console" }) {
  const license = await currentLicense(getDb());
  if (!license) return null;
  const { state } = license.standing;
  const shown = audience === "admin" ? state !== "valid" : state === "grace" || state === "lapsed";
  if (!shown) return null;
  return (
    <div className="mx-auto max-w-7xl px-4 pt-4">
      <LicenseStandingAlert standing={license.standing} message={license.message} />
    </div>
  );
}
