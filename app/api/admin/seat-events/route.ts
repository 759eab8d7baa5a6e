import { AREA_ROLES } from "@/lib/auth/roles";
import { badRequest, routeGate } from "@/server/http/route-gate";
import { seatEventsCsv } from "@/server/licensing/history";
import { seatHistoryFilter, seatHistoryFromSearchParams } from "@/lib/validation/seat-history";

export const dynamic = "force-dynamic";

/**
 * The seat history as a CSV download, with the history page's filters as query parameters.
 * Administrators only, at the route's own door (a route handler is not behind the admin layout).
 * Rows are streamed a batch at a time, read as the browser takes them.
 */
export const GET = routeGate(AREA_ROLES.admin, async ({ req, db, requestId, log }) => {
  const parsed = seatHistoryFilter.safeParse(seatHistoryFromSearchParams(new URL(req.url).searchParams));
  if (!parsed.success) return badRequest(parsed.error);

  const rows = seatEventsCsv(db, parsed.data);
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
});
