import { z } from "zod";
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/text/storable";
import { requestIdsOf } from "@/server/http/request-id";
import { getCurrentSession } from "@/server/auth/current-user";
import { AREA_ROLES } from "@/server/auth/home";
import { getDb } from "@/server/db/client";
import { isAppError } from "@/server/errors";
import { answeringUnavailableDatabase, databaseUnavailableResponse } from "@/server/db/unavailable";
import { getUsageReport } from "@/server/insight/usage-report";
import { USAGE_CSV_SECTIONS, usageCsv } from "@/server/insight/usage-csv";
import { logger } from "@/server/logger";
import { usageReportInput } from "@/lib/validation/insight";

export const dynamic = "force-dynamic";

const json = (status: number, body: Record<string, unknown>) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
const STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  PRECONDITION_FAILED: 412,
  UNPROCESSABLE_CONTENT: 422,
} as const;

const section = z
  .enum(USAGE_CSV_SECTIONS, { error: `Choose a table to export: ${USAGE_CSV_SECTIONS.join(", ")}` })
  .default("daily");

/**
 * One table of the usage report as a CSV download: ?from&to&scope (as the reports.usage
 * procedure takes them), optional timeZone, and section (daily, hourly, heatmap, refusals,
 * agents, scopes). For administrators and report viewers, checked here against the server-side
 * session: a route handler is not behind the reports layout.
 */
async function exportUsage(req: Request) {
  const session = await getCurrentSession();
  if (!session) return json(401, { error: "Sign in to continue: your session has ended." });
  if (!(AREA_ROLES.reports as readonly string[]).includes(session.user.role))
    return json(403, { error: "This is only for administrators and report viewers." });

  const params = new URL(req.url).searchParams;
  if (findUnstorableText(Object.fromEntries(params))) return json(400, { error: UNSTORABLE_TEXT_MESSAGE });
  // An empty parameter is a missing one ("?from=&to=..." from a hand-edited link).
  const param = (name: string) => params.get(name)?.trim() || undefined;
  const input = usageReportInput.safeParse({
    from: param("from"),
    to: param("to"),
    scope: param("scope"),
    timeZone: param("timeZone"),
  });
  const table = section.safeParse(param("section"));
  if (!input.success || !table.success) {
    const issues = [
      ...(input.error?.issues ?? []),
      ...(table.error?.issues.map((i) => ({ ...i, path: ["section"] })) ?? []),
    ];
    const fieldErrors: Record<string, string[]> = {};
    for (const i of issues) (fieldErrors[i.path.map(String).join(".") || "input"] ??= []).push(i.message);
    return json(400, { error: issues.map((i) => i.message).join("; "), fieldErrors });
  }

  const { requestId } = requestIdsOf(req.headers);
  try {
    const report = await getUsageReport(getDb(), input.data);
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
  } catch (error) {
    if (isAppError(error)) return json(STATUS[error.code], { error: error.message, field: error.field ?? null });
    const unavailable = databaseUnavailableResponse(error);
    if (unavailable) return unavailable;
    logger
      .child({ requestId, userId: session.user.id })
      .error("usage export failed", { error: error instanceof Error ? error.message : String(error) });
    return json(500, {
      error: `Something went wrong on our side. Please try again; if it persists, quote request ${requestId}.`,
    });
  }
}

export const GET = answeringUnavailableDatabase(exportUsage);
