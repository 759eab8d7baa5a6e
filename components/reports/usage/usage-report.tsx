"use client";
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { LoadErrorAlert } from "@/components/admin/shared/cursor-pager";
import { EmptyState } from "@/components/ui/empty-state";
import { defaultPeriodForm, periodOf } from "../shared/period";
import { dateTime } from "../shared/format";
import { UsageFilters, type UsageQuery } from "./usage-filters";
import { UsageSummary } from "./usage-summary";
import { PeaksChart } from "./peaks-chart";
import { HeatMap } from "./heat-map";
import { RefusalsChart } from "./refusals-chart";
import { SeatHoursChart } from "./seat-hours-chart";
import { AgentsChart } from "./agents-chart";
import { ScopesTable } from "./scopes-table";
import { usageCsvHref } from "./csv-href";
import type { UsageCsvSection } from "@/server/insight/usage-csv";

const DEFAULTS = { ...defaultPeriodForm("30"), scope: "all" };

/** The usage report: pick seats and period; charts with their numbers beside them; CSV per table. */
export function UsageReportView() {
  const trpc = useTRPC();
  const choices = useQuery(trpc.reports.choices.queryOptions());
  const [query, setQuery] = useState<UsageQuery>(() => {
    const first = periodOf(DEFAULTS);
    if (!("period" in first)) throw new Error("the default period is always valid");
    return { ...first.period, scope: DEFAULTS.scope };
  });
  const report = useQuery(
    trpc.reports.usage.queryOptions(query, { placeholderData: keepPreviousData, staleTime: 60_000 }),
  );

  if (choices.isPending)
    return (
      <p role="status" className="text-sm text-muted-foreground">
        Loading the report…
      </p>
    );
  if (choices.isError)
    return (
      <LoadErrorAlert
        title="The reports could not be loaded"
        error={choices.error}
        onRetry={() => void choices.refetch()}
      />
    );

  const csvHref = (section: UsageCsvSection) => usageCsvHref(query, section);
  const data = report.data;
  return (
    <div className="space-y-6">
      <UsageFilters pools={choices.data.pools} defaults={DEFAULTS} onApply={setQuery} pending={report.isFetching} />
      {report.isError ? (
        <LoadErrorAlert
          title="The usage report could not be made"
          error={report.error}
          onRetry={() => void report.refetch()}
        />
      ) : !data ? (
        <p role="status" className="text-sm text-muted-foreground">
          Counting seat use…
        </p>
      ) : (
        <div
          className={report.isPlaceholderData ? "space-y-6 opacity-60" : "space-y-6"}
          aria-busy={report.isPlaceholderData}
        >
          <p className="text-sm text-muted-foreground" role="status">
            {data.scopeName}, {dateTime(data.from, data.timeZone)} to {dateTime(data.to, data.timeZone)} (
            {data.timeZone}).
            {report.isPlaceholderData ? " Updating…" : ""}
          </p>
          {data.empty ? (
            <EmptyState title="No seat use in this period" className="bg-card">
              {data.message ??
                `No one held or was refused a seat of ${data.scopeName} between these dates, so there is ` +
                  `nothing to chart.`}{" "}
              Choose a longer period or other seats.
            </EmptyState>
          ) : (
            <>
              <UsageSummary report={data} />
              {data.scope === "all" && data.scopes.length > 0 ? (
                <ScopesTable report={data} csvHref={csvHref("scopes")} />
              ) : null}
              <PeaksChart report={data} csvHref={csvHref} />
              <HeatMap report={data} />
              <RefusalsChart report={data} csvHref={csvHref} />
              <SeatHoursChart report={data} />
              <AgentsChart report={data} csvHref={csvHref} />
            </>
          )}
        </div>
      )}
    </div>
  );
}
