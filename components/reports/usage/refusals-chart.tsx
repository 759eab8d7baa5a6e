"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { RefusalOutcome, UsageReport } from "@/server/insight/types";
import type { UsageCsvSection } from "@/server/insight/usage-csv";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { CHART, ChartFigure } from "../shared/chart-figure";
import { NumTable } from "../shared/num-table";
import { dateTime, dayLabel, number, percent, wait } from "../shared/format";

const OUTCOME: Record<RefusalOutcome, { label: string; variant: "success" | "destructive" | "warning" }> = {
  GRANTED_LATER: { label: "Got a seat later", variant: "success" },
  GAVE_UP: { label: "Gave up", variant: "destructive" },
  WAITING: { label: "Waiting now", variant: "warning" },
};

/** Refusals: how many, on which days, who was refused and how long they waited. */
export function RefusalsChart({
  report,
  csvHref,
}: {
  report: UsageReport;
  csvHref: (section: UsageCsvSection) => string;
}) {
  const { refusals } = report;
  const daysWithRefusals = report.dailyPeaks.filter((d) => d.refusals > 0).length;
  const summary =
    `${number(refusals.count)} refused checkouts (${percent(refusals.ratePercent)} of ` +
    `attempts) on ${daysWithRefusals} of ${report.dailyPeaks.length} days.`;
  if (refusals.count === 0) {
    return (
      <section aria-labelledby="refusals-title" className="space-y-2" data-testid="refusals">
        <h2 id="refusals-title" className="text-base font-semibold">
          Refusals
        </h2>
        <EmptyState title="No one was refused a seat in this period">
          Every checkout attempt of {report.scopeName} found a free seat.
        </EmptyState>
      </section>
    );
  }
  return (
    <ChartFigure
      id="refusals"
      title="Refusals"
      description={
        `${summary} The table ` +
        `lists ${refusals.truncated ? `the newest ${refusals.items.length}` : "each of them"}, newest first.`
      }
      summary={summary}
      csvHref={csvHref("refusals")}
      chart={
        <ResponsiveContainer width="100%" height={240}>
          <BarChart
            data={report.dailyPeaks.map((d) => ({ label: dayLabel(d.day), refusals: d.refusals }))}
            margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
          >
            <CartesianGrid stroke={CHART.grid} vertical={false} />
            <XAxis dataKey="label" fontSize={12} minTickGap={24} />
            <YAxis allowDecimals={false} fontSize={12} />
            <Tooltip />
            <Bar dataKey="refusals" name="Refusals" fill={CHART.destructive} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <NumTable
          label="Refused checkouts, newest first"
          rows={refusals.items}
          rowKey={(r) => `${new Date(r.at).toISOString()}-${r.userId ?? r.name}`}
          columns={[
            {
              header: "When",
              cell: (r) => <time dateTime={new Date(r.at).toISOString()}>{dateTime(r.at, report.timeZone)}</time>,
            },
            {
              header: "Who",
              cell: (r) => (
                <>
                  {r.name}
                  {report.scope === "all" && r.poolName ? (
                    <div className="text-xs text-muted-foreground">{r.poolName}</div>
                  ) : null}
                </>
              ),
            },
            { header: "Waited", cell: (r) => wait(r.waitedSeconds), numeric: true },
            {
              header: "Then",
              cell: (r) => <Badge variant={OUTCOME[r.outcome].variant}>{OUTCOME[r.outcome].label}</Badge>,
            },
          ]}
        />
      }
    />
  );
}
