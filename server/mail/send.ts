import "server-only";
import { randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import type { Db } from "../db/client";
import { logger } from "../logger";
import type { MailConfig } from "./config";

/*
 * The mail job's second half: messages whose time has come are sent, each by one instance.
 *
 * Claiming: a sender takes a batch with FOR UPDATE SKIP LOCKED and marks it claimed (until
 * `claimSeconds` from now, with a token of its own) in that short transaction; no other instance
 * takes a claimed message until the claim lapses. After the SMTP server accepted a message it is
 * marked SENT, but only under the sender's own token (a sender whose claim lapsed and was taken
 * over does not overwrite the other's outcome).
 *
 * Never twice: the only window left is a crash (or a lost database) after the SMTP server took the
 * message and before SENT was written. The message is then sent again once its claim lapses, with
 * the same Message-ID (fixed when the row was written), so mail systems and programs that drop
 * duplicates by Message-ID show it once. Holding the claim through the send keeps every other
 * case to exactly one delivery; the transport's timeouts are well inside the claim.
 *
 * Failures: a 5xx answer from the server (bad address, refused) is permanent, the message is
 * FAILED with the server's words; anything else (server down, 4xx, timeout) is tried again after
 * a backoff that doubles (30 s, 1 min, 2 min, ... at most an hour), and FAILED after
 * `maxAttempts`.
 */

export type MailTransport = Pick<nodemailer.Transporter, "sendMail"> & { close?: () => void };

export type SendOptions = {
  batch?: number;
  claimSeconds?: number;
  maxAttempts?: number;
  /** Seconds to wait before attempt `attempts + 1`. */
  backoffSeconds?: (attempts: number) => number;
};

export const DEFAULT_BACKOFF = (attempts: number) => Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));

export function createSmtpTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport(smtpUrl, {
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  } as Parameters<typeof nodemailer.createTransport>[1]);
}

type Claimed = {
  id: bigint;
  messageId: string;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  threadId: string | null;
  replyTo: string | null;
  attempts: number;
};

/** An SMTP answer that will not change by trying again. */
export function isPermanentFailure(error: unknown): boolean {
  const e = error as { responseCode?: number; code?: string };
  return typeof e.responseCode === "number" && e.responseCode >= 500 && e.code !== "EAUTH";
}

export async function sendDueMail(
  db: Db,
  transport: MailTransport,
  config: Pick<MailConfig, "from">,
  options: SendOptions = {},
): Promise<{ sent: number; retrying: number; failed: number }> {
  const { batch = 20, claimSeconds = 120, maxAttempts = 8, backoffSeconds = DEFAULT_BACKOFF } = options;
  const token = randomUUID();
  const claimed = await db.$queryRaw<Claimed[]>`
    update "MailOutbox" m set "claimedUntil" = now() + make_interval(secs => ${claimSeconds}), "claimToken" = ${token},
      "attempts" = m."attempts" + 1, "updatedAt" = now()
    where m."id" in (
      select "id" from "MailOutbox"
      where "status" = 'PENDING' and "nextAttemptAt" <= now() and ("claimedUntil" is null or "claimedUntil" < now())
      order by "nextAttemptAt", "id" limit ${batch}
      for update skip locked)
    returning m."id", m."messageId", m."toAddress", m."subject", m."textBody", m."htmlBody", m."threadId",
      m."replyTo", m."attempts"`;
  const outcome = { sent: 0, retrying: 0, failed: 0 };
  // In the order they were written (UPDATE ... RETURNING keeps no order): a reply before its resolution.
  claimed.sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const m of claimed) {
    try {
      await transport.sendMail({
        from: config.from,
        to: m.toAddress,
        subject: m.subject,
        text: m.textBody,
        html: m.htmlBody,
        messageId: m.messageId,
        ...(m.replyTo ? { replyTo: m.replyTo } : {}),
        ...(m.threadId ? { inReplyTo: m.threadId, references: [m.threadId] } : {}),
        headers: { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" },
      });
      await db.$executeRaw`
        update "MailOutbox" set "status" = 'SENT', "sentAt" = now(), "claimedUntil" = null, "lastError" = null,
          "updatedAt" = now()
        where "id" = ${m.id} and "claimToken" = ${token}`;
      outcome.sent++;
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      const permanent = isPermanentFailure(error) || m.attempts >= maxAttempts;
      await db.$executeRaw`
        update "MailOutbox" set "status" = ${permanent ? "FAILED" : "PENDING"}::"MailStatus", "claimedUntil" = null,
          "lastError" = ${message}, "nextAttemptAt" = now() + make_interval(secs => ${backoffSeconds(m.attempts)}),
          "updatedAt" = now()
        where "id" = ${m.id} and "claimToken" = ${token}`;
      if (permanent) outcome.failed++;
      else outcome.retrying++;
      logger.warn(permanent ? "mail failed for good" : "mail will be tried again", {
        outboxId: m.id,
        attempts: m.attempts,
        error: message,
      });
    }
  }
  return outcome;
}
