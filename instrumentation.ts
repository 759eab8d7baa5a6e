/**
 * Runs once when a server instance starts: the seat sweeper (idle and closed leases end,
 * reservations pass on), on every instance; see server/licensing/sweeper.ts.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.SEATDESK_DISABLE_SWEEPER === "1") return;
  const { getDb } = await import("./server/db/client");
  const { startSweeper } = await import("./server/licensing/sweeper");
  const { env } = await import("./server/env");
  startSweeper(getDb(), env.SEAT_SWEEP_SECONDS);
  (await import("./server/tickets/auto-close-job")).startAutoCloseJob(getDb()); // resolved tickets close after TicketSettings.autoCloseDays
}
