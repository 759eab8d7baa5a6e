import "server-only";
import type { Db } from "../db/client";
import { startPeriodicJob } from "../jobs/periodic";
import { logger } from "../logger";
import { mailConfigFromEnv, type MailConfig } from "./config";
import { expandMailEvents } from "./expand";
import { recordBreachingSoon } from "./breaching";
import { createSmtpTransport, sendDueMail, type MailTransport, type SendOptions } from "./send";

/**
 * One run of the mail job: tickets about to breach are noted, every waiting event becomes messages, then what is due is
 * sent (when
 * an SMTP server is configured; otherwise messages stay in the outbox, readable at /admin/mail).
 */
export async function runMailJob(
  db: Db,
  config: MailConfig,
  transport: MailTransport | null,
  options: SendOptions = {},
): Promise<{ events: number; sent: number; retrying: number; failed: number }> {
  await recordBreachingSoon(db);
  let events = 0;
  for (let n; (n = await expandMailEvents(db, config)) > 0;) events += n;
  const outcome = { sent: 0, retrying: 0, failed: 0 };
  if (!transport) return { events, ...outcome };
  for (;;) {
    const step = await sendDueMail(db, transport, config, options);
    outcome.sent += step.sent;
    outcome.retrying += step.retrying;
    outcome.failed += step.failed;
    // server trouble: wait for the next run
    if (step.sent + step.retrying + step.failed === 0 || step.retrying > 0) break;
  }
  return { events, ...outcome };
}

/** The mail job on a timer in each app instance (instances share the work safely: see send.ts). */
export function startMailJob(db: Db, config: MailConfig = mailConfigFromEnv(), everySeconds = 10): () => void {
  const transport = config.smtpUrl ? createSmtpTransport(config.smtpUrl) : null;
  if (!transport) logger.info("SMTP_URL is not set: mail is kept in the outbox (/admin/mail), not sent");
  return startPeriodicJob("mail", everySeconds, async () => {
    const result = await runMailJob(db, config, transport);
    if (result.events || result.sent || result.failed) logger.info("mail job", result);
  });
}
