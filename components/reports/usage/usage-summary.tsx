import type { UsageReport } from "@/server/insight/types";
import { hours, number, percent } from "../shared/format";

/** The headline numbers of the report, above the charts. */
export function UsageSummary({ report }: { report: UsageReport }) {
  const held = report.seatHoursOwned > 0 ? (report.seatHoursUsed / report.seatHoursOwned) * 100 : 0;
  const tiles = [
    { label: "Peak seats in use", value: `${number(report.peak)} of ${number(report.seats)}` },
    { label: "Refused checkouts", value: `${number(report.refusals.count)} (${percent(report.refusals.ratePercent)})` },
    { label: "Seat-hours held", value: `${hours(report.seatHoursUsed)} (${percent(held)})` },
    { label: "Agents who used a seat", value: number(report.agents.length) },
  ];
  return (
    <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="usage-summary">
      {tiles.map((t) => (
        <div key={t.label} className="rounded-xl border bg-card p-4">
          <dt className="text-sm text-muted-foreground">{t.label}</dt>
          <dd className="mt-1 text-xl font-semibold tabular-nums">{t.value}</dd>
        </div>
      ))}
    </dl>
  );
}
