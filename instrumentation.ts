import { isDatabaseUnavailable } from "./server/db/unavailable";

/**
 * Runs once when a server instance starts, on every instance: the seat sweeper (idle and closed
 * leases end, reservations pass on; server/licensing/sweep-job.ts), ticket auto-close, the
 * license insight rollups, the sweep of attachment files no attachment names, the mail outbox and
 * receiving mail (when MAIL_SMTP_PORT or IMAP_URL is set).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.SEATDESK_DISABLE_SWEEPER === "1") return;
  const { getDb } = await import("./server/db/client");
  const { startSeatSweepJob } = await import("./server/licensing/sweep-job");
  const { env } = await import("./server/env");
  startSeatSweepJob(getDb(), env.SEAT_SWEEP_SECONDS);
  // resolved tickets close after TicketSettings.autoCloseDays
  (await import("./server/tickets/auto-close-job")).startAutoCloseJob(getDb());
  (await import("./server/insight/rollup-job")).startInsightRollupJob(getDb()); // license insight reports read rollups
  // bytes a crash left without their row
  (await import("./server/attachments/sweep-orphans")).startOrphanSweepJob(getDb());
  // the mail outbox: expand, send
  (await import("./server/mail/job")).startMailJob(getDb(), undefined, env.MAIL_SEND_SECONDS);
  // old mail records go
  (await import("./server/mail/retention")).startMailRetentionJob(getDb(), env.MAIL_RETENTION_DAYS);
  await (await import("./server/mail/receiving")).startReceiving(getDb()); // SMTP listener, IMAP poll (when configured)
  (await import("./server/webhooks/deliver")).startWebhookJob(getDb()); // the webhook outbox, signed and retried
}

/**
 * Every error of a server render or route: one that says the database is out of reach marks it so
 * (isDatabaseUnavailable sets server/db/reachability.ts's flag), before the 500 is written, so the
 * app's server answers that page 503 with Retry-After instead (scripts/serve.ts).
 */
export function onRequestError(error: unknown): void {
  isDatabaseUnavailable(error);
}
