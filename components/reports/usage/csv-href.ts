import type { UsageCsvSection } from "@/server/insight/usage-csv";
import type { UsageQuery } from "./usage-filters";

/** The export link of one table of the report on screen: same period, same scope. */
export function usageCsvHref(query: UsageQuery, section: UsageCsvSection): string {
  const params = new URLSearchParams({
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    scope: query.scope,
    section,
  });
  return `/api/reports/usage?${params.toString()}`;
}
