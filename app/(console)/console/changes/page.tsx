import type { Metadata } from "next";
import { ChangeCalendar } from "@/components/console/changes/change-calendar";
import { requirePageArea } from "@/server/auth/require-area";

export const metadata: Metadata = { title: "Change calendar" };

/** Planned changes by week or month, with overlaps and blackout windows (reading needs no seat). */
export default async function ChangeCalendarPage() {
  if (!(await requirePageArea("console"))) return null; // the layout says "not for you"
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Change calendar</h1>
      <ChangeCalendar />
    </div>
  );
}
