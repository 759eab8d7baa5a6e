"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { AgentUsage, UsageReport } from "@/server/insight/types";
import type { UsageCsvSection } from "@/server/insight/usage-csv";
import { EmptyState } from "@/components/ui/empty-state";
import { CHART, ChartFigure } from "../shared/chart-figure";
import { NumTable } from "../shared/num-table";
import { hours, number, wait } from "../shared/format";

/** The most agents drawn in the chart; the table lists everyone. */
const CHART_AGENTS = 15;

function licenseText(a: AgentUsage): string {
  if (!a.license) return "No license now";
  return a.license.kind === "NAMED" ? "Named seat" : (a.license.poolName ?? "Pool");
}

/** Each agent's active hours (real use) and held hours, most active first. */
export function AgentsChart({
  report,
  csvHref,
}: {
  report: UsageReport;
  csvHref: (section: UsageCsvSection) => string;
}) {
  if (report.agents.length === 0) {
    return <EmptyState title="No agent held a seat in this period" />;
  }
  const top = report.agents.slice(0, CHART_AGENTS);
  const first = report.agents[0]!;
  const summary =
    `${report.agents.length} agents used ${report.scopeName}; the most active ` +
    `was ${first.name} with ${hours(first.activeHours)} of active use.`;
  return (
    <ChartFigure
      id="agents"
      title="Agents' active hours"
      description={
        `Active: from checkout to the last real action of each seat session; held: until the ` +
        `seat was released. ` +
        (report.agents.length > CHART_AGENTS
          ? `The chart shows the ${CHART_AGENTS} most active; the table lists all ${report.agents.length}.`
          : "")
      }
      summary={summary}
      csvHref={csvHref("agents")}
      chart={
        <ResponsiveContainer width="100%" height={Math.max(160, top.length * 28 + 40)}>
          <BarChart data={top} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid stroke={CHART.grid} horizontal={false} />
            <XAxis type="number" fontSize={12} />
            <YAxis type="category" dataKey="name" width={130} fontSize={12} />
            <Tooltip formatter={(v) => hours(Number(v))} />
            <Bar dataKey="activeHours" name="Active" fill={CHART.primary} isAnimationActive={false} />
            <Bar dataKey="heldHours" name="Held" fill={CHART.muted} fillOpacity={0.35} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <NumTable
          label="Agents' use of seats, most active first"
          rows={report.agents}
          rowKey={(a) => a.userId}
          columns={[
            {
              header: "Agent",
              cell: (a) => (
                <>
                  {a.name}
                  <div className="text-xs text-muted-foreground">{licenseText(a)}</div>
                </>
              ),
            },
            { header: "Active", cell: (a) => hours(a.activeHours), numeric: true },
            { header: "Held", cell: (a) => hours(a.heldHours), numeric: true },
            { header: "Days", cell: (a) => number(a.daysActive), numeric: true },
            {
              header: "Refused",
              cell: (a) => (a.refusals ? `${number(a.refusals)} (${wait(a.waitedSeconds)})` : "0"),
              numeric: true,
            },
          ]}
        />
      }
    />
  );
}
