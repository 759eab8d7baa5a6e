import type { Metadata } from "next";
import { ChangeCalendar } from "@/components/console/changes/change-calendar";

export const metadata: Metadata = { title: "Change calendar" };

/** Planned changes by week or month, with overlaps and blackout windows (reading needs no seat). */
export default function ChangeCalendarPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Change calendar</h1>
      <ChangeCalendar />
    </div>
  );
}
