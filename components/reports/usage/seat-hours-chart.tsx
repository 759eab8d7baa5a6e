"use client";
import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip } from "recharts";
import type { UsageReport } from "@/server/insight/types";
import { CHART, ChartFigure } from "../shared/chart-figure";
import { NumTable } from "../shared/num-table";
import { hours, percent } from "../shared/format";

/** Seat-hours owned, split into used (really working), held idle (waiting for the timeout) and unused. */
export function SeatHoursChart({ report }: { report: UsageReport }) {
  const working = Math.max(0, report.seatHoursUsed - report.seatHoursHeldIdle);
  const share = (h: number) => (report.seatHoursOwned > 0 ? (h / report.seatHoursOwned) * 100 : 0);
  const slices = [
    { name: "Working", value: working, color: CHART.primary },
    { name: "Held while idle", value: report.seatHoursHeldIdle, color: CHART.warning },
    { name: "Not held", value: report.seatHoursIdle, color: CHART.grid },
  ];
  const summary =
    `Of ${hours(report.seatHoursOwned)} of seat time owned, ${hours(report.seatHoursUsed)} ` +
    `(${percent(share(report.seatHoursUsed))}) were held and ${hours(report.seatHoursIdle)} ` +
    `(${percent(share(report.seatHoursIdle))}) were not.`;
  const rows = [
    ...slices.map((s) => ({ name: s.name, value: s.value })),
    { name: "Held in total", value: report.seatHoursUsed },
    { name: "Owned (seats × hours)", value: report.seatHoursOwned },
  ];
  return (
    <ChartFigure
      id="seat-hours"
      title="Seat-hours used and idle"
      description={
        "Held seats count from checkout until release; 'held while idle' is the time after the " +
        "holder's last action until the idle timeout freed the seat."
      }
      summary={summary}
      chart={
        <ResponsiveContainer width="100%" height={240}>
          <PieChart>
            <Pie
              data={slices}
              dataKey="value"
              nameKey="name"
              innerRadius="55%"
              outerRadius="85%"
              isAnimationActive={false}
            >
              {slices.map((s) => (
                <Cell key={s.name} fill={s.color} />
              ))}
            </Pie>
            <Tooltip formatter={(v) => hours(Number(v))} />
          </PieChart>
        </ResponsiveContainer>
      }
      table={
        <NumTable
          label="Seat-hours"
          rows={rows}
          rowKey={(r) => r.name}
          columns={[
            { header: "Seat time", cell: (r) => r.name },
            { header: "Hours", cell: (r) => hours(r.value), numeric: true },
            { header: "Share", cell: (r) => percent(share(r.value)), numeric: true },
          ]}
        />
      }
    />
  );
}
