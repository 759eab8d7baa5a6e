import "server-only";
import type { Db } from "../db/client";
import { env } from "../env";
import { logger } from "../logger";
import { attachmentSettings } from "../attachments/settings";
import { attachmentStore } from "../attachments/store";
import { mailConfigFromEnv } from "./config";
import { startImapJob } from "./imap-poller";
import type { IntakeOptions } from "./intake";
import { startSmtpListener } from "./smtp-listener";

/** The intake's settings from the environment (README "Email"). */
export async function intakeOptionsFromEnv(): Promise<IntakeOptions & { maxBytes: number }> {
  return {
    config: mailConfigFromEnv(),
    unknownSenders: env.MAIL_UNKNOWN_SENDERS,
    perHour: env.MAIL_PER_SENDER_PER_HOUR,
    attachments: { store: await attachmentStore(), maxBytes: attachmentSettings().maxBytes },
    maxBytes: env.MAIL_MAX_BYTES,
  };
}

/** Starts the ways of receiving mail that are configured: the SMTP listener, the IMAP poll, both or none. */
export async function startReceiving(db: Db): Promise<void> {
  if (env.MAIL_SMTP_PORT === undefined && !env.IMAP_URL) return;
  const options = await intakeOptionsFromEnv();
  if (env.MAIL_SMTP_PORT !== undefined) {
    const listener = await startSmtpListener(db, { ...options, port: env.MAIL_SMTP_PORT, host: env.MAIL_SMTP_HOST });
    logger.info("SMTP listener for the desk's mail", { port: listener.port, domain: options.config.fromAddress });
  }
  if (env.IMAP_URL) startImapJob(db, env.IMAP_URL, options, env.IMAP_POLL_SECONDS);
}
