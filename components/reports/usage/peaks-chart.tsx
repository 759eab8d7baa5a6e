"use client";
import { useState } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { UsageReport } from "@/server/insight/types";
import type { UsageCsvSection } from "@/server/insight/usage-csv";
import { Button } from "@/components/ui/button";
import { TableCell, TableRow } from "@/components/ui/table";
import { CHART, ChartFigure } from "../shared/chart-figure";
import { NumTable } from "../shared/num-table";
import { dayLabel, hourLabel, hours, number } from "../shared/format";

/** The most hour rows listed beside the hourly chart; the CSV has every hour. */
const HOUR_ROWS = 500;

/** Peak concurrent use (the high-water mark) per day or per hour, against the seats owned. */
export function PeaksChart({
  report,
  csvHref,
}: {
  report: UsageReport;
  csvHref: (section: UsageCsvSection) => string;
}) {
  const [by, setBy] = useState<"day" | "hour">("day");
  const busyHours = report.hourlyPeaks.filter((h) => h.peak > 0 || h.refusals > 0);
  const overDays = report.dailyPeaks.filter((d) => d.peak >= report.seats && report.seats > 0).length;
  const summary =
    by === "day"
      ? `Peak seats in use per day, ${report.dailyPeaks.length} days: highest ${report.peak} ` +
        `of ${report.seats} seats; all ${report.seats} were in use on ${overDays} day${overDays === 1 ? "" : "s"}.`
      : `Peak seats in use per hour, ${report.hourlyPeaks.length} hours: highest ${report.peak} ` +
        `of ${report.seats} seats.`;
  const reference = (
    <ReferenceLine
      y={report.seats}
      stroke={CHART.destructive}
      strokeDasharray="4 4"
      label={{ value: `${report.seats} seats owned`, position: "insideTopRight", fontSize: 12 }}
    />
  );

  return (
    <ChartFigure
      id="peaks"
      title="Peak concurrent use"
      description={
        <span className="flex flex-wrap items-center gap-2">
          The most seats held at the same moment ({by === "day" ? "per day" : "per " + "hour"}), against the{" "}
          {report.seats} seats owned.
          <span role="group" aria-label="Show peaks" className="inline-flex gap-1">
            <Button
              type="button"
              size="sm"
              variant={by === "day" ? "secondary" : "ghost"}
              aria-pressed={by === "day"}
              onClick={() => setBy("day")}
            >
              Per day
            </Button>
            <Button
              type="button"
              size="sm"
              variant={by === "hour" ? "secondary" : "ghost"}
              aria-pressed={by === "hour"}
              onClick={() => setBy("hour")}
            >
              Per hour
            </Button>
          </span>
        </span>
      }
      summary={summary}
      csvHref={csvHref(by === "day" ? "daily" : "hourly")}
      chart={
        <ResponsiveContainer width="100%" height={280}>
          {by === "day" ? (
            <BarChart
              data={report.dailyPeaks.map((d) => ({ ...d, label: dayLabel(d.day) }))}
              margin={{ top: 16, right: 8, bottom: 0, left: -16 }}
            >
              <CartesianGrid stroke={CHART.grid} vertical={false} />
              <XAxis dataKey="label" fontSize={12} minTickGap={24} />
              <YAxis allowDecimals={false} fontSize={12} domain={[0, (max: number) => Math.max(max, report.seats)]} />
              <Tooltip />
              <Bar dataKey="peak" name="Peak seats in use" fill={CHART.primary} isAnimationActive={false} />
              {reference}
            </BarChart>
          ) : (
            <LineChart
              data={report.hourlyPeaks.map((h) => ({ ...h, label: hourLabel(h.hour, report.timeZone) }))}
              margin={{ top: 16, right: 8, bottom: 0, left: -16 }}
            >
              <CartesianGrid stroke={CHART.grid} vertical={false} />
              <XAxis dataKey="label" fontSize={12} minTickGap={48} />
              <YAxis allowDecimals={false} fontSize={12} domain={[0, (max: number) => Math.max(max, report.seats)]} />
              <Tooltip />
              <Line
                type="stepAfter"
                dataKey="peak"
                name="Peak seats in use"
                stroke={CHART.primary}
                dot={false}
                isAnimationActive={false}
              />
              {reference}
            </LineChart>
          )}
        </ResponsiveContainer>
      }
      table={
        by === "day" ? (
          <NumTable
            label="Peak seats in use per day"
            rows={report.dailyPeaks}
            rowKey={(d) => d.day}
            columns={[
              { header: "Day", cell: (d) => dayLabel(d.day) },
              { header: "Peak", cell: (d) => number(d.peak), numeric: true },
              { header: "Refusals", cell: (d) => number(d.refusals), numeric: true },
              { header: "Seat-hours", cell: (d) => hours(d.seatHoursUsed), numeric: true },
            ]}
          />
        ) : (
          <NumTable
            label="Peak seats in use per hour (hours with use or refusals)"
            rows={busyHours.slice(0, HOUR_ROWS)}
            rowKey={(h) => new Date(h.hour).toISOString()}
            columns={[
              { header: "Hour", cell: (h) => hourLabel(h.hour, report.timeZone) },
              { header: "Peak", cell: (h) => number(h.peak), numeric: true },
              { header: "Refusals", cell: (h) => number(h.refusals), numeric: true },
            ]}
            footer={
              busyHours.length > HOUR_ROWS ? (
                <TableRow>
                  <TableCell colSpan={3} className="text-xs text-muted-foreground">
                    {number(busyHours.length - HOUR_ROWS)} more busy hours: download the CSV for every hour.
                  </TableCell>
                </TableRow>
              ) : null
            }
          />
        )
      }
    />
  );
}
