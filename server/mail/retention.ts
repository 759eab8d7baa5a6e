import "server-only";
import type { Db } from "../db/client";
import { startPeriodicJob } from "../jobs/periodic";
import { logger } from "../logger";

/*
 * Mail records are kept for MAIL_RETENTION_DAYS (README "Email"), then removed: events already
 * turned into messages, messages sent, and received mail that became a ticket or a reply or was
 * deliberately ignored. What still needs someone is kept whatever its age: events not yet expanded,
 * messages pending or failed, received mail held or failed (an administrator reads those at
 * /admin/mail; nothing received is lost unseen). A repeated Message-ID older than the retention is
 * no longer recognised; the threading of replies does not depend on these rows (thread ids carry
 * the ticket). Rows go in batches, so no run holds many locks or one long transaction, and several
 * instances may run this at once (deleting twice deletes nothing).
 */

/** How often each app instance removes mail records past the retention. */
export const MAIL_RETENTION_EVERY_SECONDS = 6 * 3600;
const BATCH = 1000;

export type MailRetentionResult = { events: number; outbox: number; inbound: number };

/** Deletes batches until `deleteBatch` removes nothing; returns how many rows went. */
async function inBatches(deleteBatch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let n; (n = await deleteBatch()) > 0;) total += n;
  return total;
}

export async function removeOldMail(
  db: Db,
  retentionDays: number,
  now: Date = new Date(),
): Promise<MailRetentionResult> {
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  // Each reads an index that starts with its condition: (expandedAt, id), (status, sentAt), (status, receivedAt).
  const events = await inBatches(
    () => db.$executeRaw`
      delete from "MailEvent" where "id" in (
        select "id" from "MailEvent" where "expandedAt" < ${before} limit ${BATCH})`,
  );
  const outbox = await inBatches(
    () => db.$executeRaw`
      delete from "MailOutbox" where "id" in (
        select "id" from "MailOutbox" where "status" = 'SENT' and "sentAt" < ${before} limit ${BATCH})`,
  );
  const inbound = await inBatches(
    () => db.$executeRaw`
      delete from "MailInbound" where "id" in (
        select "id" from "MailInbound"
        where "status" in ('PROCESSED', 'IGNORED') and "receivedAt" < ${before} limit ${BATCH})`,
  );
  return { events, outbox, inbound };
}

export function startMailRetentionJob(
  db: Db,
  retentionDays: number,
  everySeconds = MAIL_RETENTION_EVERY_SECONDS,
): () => void {
  return startPeriodicJob("mail retention", everySeconds, async () => {
    const removed = await removeOldMail(db, retentionDays);
    if (removed.events + removed.outbox + removed.inbound > 0)
      logger.info("mail records past MAIL_RETENTION_DAYS were removed", { retentionDays, ...removed });
  });
}
