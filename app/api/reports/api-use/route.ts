import { z } from "zod";
import { AREA_ROLES } from "@/lib/auth/roles";
import { badRequest, routeGate } from "@/server/http/route-gate";
import { apiUseCsv, apiUseReport } from "@/server/api/multiplexing";
import { API_USE_CSV_SECTIONS, apiUseReportInput } from "@/lib/validation/api-accounts";

export const dynamic = "force-dynamic";

const section = z.enum(API_USE_CSV_SECTIONS, { error: "Choose accounts or shared-logins" }).default("accounts");

/**
 * The API use report as CSV: ?days=30&section=accounts|shared-logins. For administrators and
 * report viewers (the reports area), at the route's own door.
 */
export const GET = routeGate(AREA_ROLES.reports, async ({ req, db }) => {
  const params = new URL(req.url).searchParams;
  const input = apiUseReportInput.safeParse({ days: params.get("days")?.trim() || undefined });
  const table = section.safeParse(params.get("section")?.trim() || undefined);
  if (!input.success || !table.success) {
    const issues = [
      ...(input.error?.issues ?? []),
      ...(table.error?.issues.map((i) => ({ ...i, path: ["section"] })) ?? []),
    ];
    return badRequest(issues);
  }
  const report = await apiUseReport(db, input.data);
  return new Response(apiUseCsv(report, table.data), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="api-use-${table.data}-${report.days}-days.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
