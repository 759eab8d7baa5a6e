import { z } from "zod";
import { requestIdsOf } from "@/server/http/request-id";
import { getCurrentSession } from "@/server/auth/current-user";
import { answeringUnavailableDatabase } from "@/server/db/unavailable";
import { getDb } from "@/server/db/client";
import { seatEventsCsv } from "@/server/licensing/history";
import { logger } from "@/server/logger";
import { seatHistoryFilter, seatHistoryFromSearchParams } from "@/lib/validation/seat-history";

export const dynamic = "force-dynamic";

const json = (status: number, body: Record<string, unknown>) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * The seat history as a CSV download, with the history page's filters as query parameters.
 * Administrators only (checked here against the server-side session: a route handler is not
 * behind the admin layout). Rows are streamed a batch at a time, read as the browser takes them.
 */
async function exportSeatEvents(req: Request) {
  const session = await getCurrentSession();
  if (!session) return json(401, { error: "Sign in to continue: your session has ended." });
  if (session.user.role !== "ADMIN") return json(403, { error: "This is only for administrators." });

  const parsed = seatHistoryFilter.safeParse(seatHistoryFromSearchParams(new URL(req.url).searchParams));
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
      .join("; ");
    return json(400, { error: message, fieldErrors: z.flattenError(parsed.error).fieldErrors });
  }

  const { requestId } = requestIdsOf(req.headers);
  const log = logger.child({ requestId, userId: session.user.id });
  const rows = seatEventsCsv(getDb(), parsed.data);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await rows.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        // Headers are sent already: the download ends short and the browser reports it failed.
        log.error("seat history export failed", { error: error instanceof Error ? error.message : String(error) });
        controller.error(error);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });

  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="seat-history-${date}.csv"`,
      "Cache-Control": "no-store",
      "X-Request-Id": requestId,
    },
  });
}

export const GET = answeringUnavailableDatabase(exportSeatEvents);
