import { z } from "zod";
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/text/storable";
import { AREA_ROLES } from "@/lib/auth/roles";
import { badRequest, errorJson, routeGate } from "@/server/http/route-gate";
import { getUsageReport } from "@/server/insight/usage-report";
import { USAGE_CSV_SECTIONS, usageCsv } from "@/server/insight/usage-csv";
import { usageReportInput } from "@/lib/validation/insight";

export const dynamic = "force-dynamic";

const section = z
  .enum(USAGE_CSV_SECTIONS, { error: `Choose a table to export: ${USAGE_CSV_SECTIONS.join(", ")}` })
  .default("daily");

/**
 * One table of the usage report as a CSV download: ?from&to&scope (as the reports.usage
 * procedure takes them), optional timeZone, and section (daily, hourly, heatmap, refusals,
 * agents, scopes). For administrators and report viewers (the reports area), at the route's own
 * door: a route handler is not behind the reports layout.
 */
export const GET = routeGate(AREA_ROLES.reports, async ({ req, db, requestId }) => {
  const params = new URL(req.url).searchParams;
  if (findUnstorableText(Object.fromEntries(params))) return errorJson(400, UNSTORABLE_TEXT_MESSAGE);
  // An empty parameter is a missing one ("?from=&to=..." from a hand-edited link).
  const param = (name: string) => params.get(name)?.trim() || undefined;
  const input = usageReportInput.safeParse({
    from: param("from"),
    to: param("to"),
    scope: param("scope"),
    timeZone: param("timeZone"),
  });
  const table = section.safeParse(param("section"));
  if (!input.success || !table.success)
    return badRequest([
      ...(input.error?.issues ?? []),
      ...(table.error?.issues.map((i) => ({ ...i, path: ["section"] })) ?? []),
    ]);

  const report = await getUsageReport(db, input.data);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const name = `seat-usage-${table.data}-${day(report.from)}-to-${day(report.to)}.csv`;
  return new Response(usageCsv(report, table.data), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
      "X-Request-Id": requestId,
    },
  });
});
