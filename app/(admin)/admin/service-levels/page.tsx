import type { Metadata } from "next";
import { TargetsCard } from "@/components/admin/service-levels/targets-form";
import { BusinessHoursCard } from "@/components/admin/service-levels/business-hours-form";
import { HolidaysCard } from "@/components/admin/service-levels/holidays-card";
import { SettingsCard } from "@/components/admin/service-levels/settings-form";
import { PriorityMatrixCard } from "@/components/admin/service-levels/priority-matrix-form";
import { requirePageArea } from "@/server/auth/require-area";

export const metadata: Metadata = { title: "Service levels" };

/**
 * Service-level administration: SLA targets, the business-hours calendar, holidays, auto-close, the
 * priority matrix.
 */
export default async function ServiceLevelsPage() {
  if (!(await requirePageArea("admin"))) return null; // the layout says "not for you"
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Service levels</h1>
        <p className="text-sm text-muted-foreground">
          How tickets are prioritised, how soon they must be answered and resolved, when the desk counts as open, and
          when resolved tickets close.
        </p>
      </div>
      <PriorityMatrixCard />
      <TargetsCard />
      <BusinessHoursCard />
      <HolidaysCard />
      <SettingsCard />
    </div>
  );
}
