import { z } from "zod";
import { getCurrentSession } from "@/server/auth/current-user";
import { AREA_ROLES } from "@/server/auth/home";
import { getDb } from "@/server/db/client";
import { apiUseCsv, apiUseReport } from "@/server/api/multiplexing";
import { API_USE_CSV_SECTIONS, apiUseReportInput } from "@/lib/validation/api-accounts";

export const dynamic = "force-dynamic";

const json = (status: number, body: Record<string, unknown>) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
const section = z.enum(API_USE_CSV_SECTIONS, { error: "Choose accounts or shared-logins" }).default("accounts");

/**
 * The API use report as CSV: ?days=30&section=accounts|shared-logins. For administrators and
 * report viewers, checked here against the server-side session (as /api/reports/usage does).
 */
export async function GET(req: Request) {
  const session = await getCurrentSession();
  if (!session) return json(401, { error: "Sign in to continue: your session has ended." });
  if (!(AREA_ROLES.reports as readonly string[]).includes(session.user.role))
    return json(403, { error: "This is only for administrators and report viewers." });
  const params = new URL(req.url).searchParams;
  const input = apiUseReportInput.safeParse({ days: params.get("days")?.trim() || undefined });
  const table = section.safeParse(params.get("section")?.trim() || undefined);
  if (!input.success || !table.success) {
    const issues = [...(input.error?.issues ?? []), ...(table.error?.issues ?? [])];
    return json(400, { error: issues.map((i) => i.message).join("; ") });
  }
  const report = await apiUseReport(getDb(), input.data);
  return new Response(apiUseCsv(report, table.data), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="api-use-${table.data}-${report.days}-days.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
