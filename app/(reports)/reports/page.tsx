import type { Metadata } from "next";
import { UsageReportView } from "@/components/reports/usage/usage-report";
import { requirePageArea } from "@/server/auth/require-area";

export const metadata: Metadata = { title: "Seat usage" };
export const dynamic = "force-dynamic";

export default async function UsagePage() {
  if (!(await requirePageArea("reports"))) return null; // the layout says "not for you"
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Seat usage</h1>
        <p className="text-sm text-muted-foreground">
          How the seats were used: the busiest moments, who was refused and how long they waited, and each agent&apos;s
          hours. Read-only; viewing reports never takes a seat.
        </p>
      </div>
      <UsageReportView />
    </div>
  );
}
