import "server-only";
import { ImapFlow } from "imapflow";
import type { Db } from "../db/client";
import { inTransaction } from "../db/transaction";
import { startPeriodicJob } from "../jobs/periodic";
import { logger } from "../logger";
import { receiveMail, type IntakeOptions } from "./intake";

/*
 * Polling an IMAP mailbox (IMAP_URL, e.g. imaps://desk%40example.org:secret@mail.example.org/INBOX)
 * for organisations whose mail server keeps the desk's mailbox. Each unseen message goes through
 * receiveMail (the same door as the SMTP listener) and is flagged \Seen only after it was kept,
 * so a crash in between hands it over again next time; the Message-ID check in receiveMail turns
 * that second delivery into nothing. One instance polls at a time (a PostgreSQL advisory lock held
 * for the poll). A message over `maxBytes` is kept as FAILED from its headers alone.
 */

const POLL_LOCK = 0x5eadde5c; // pg_try_advisory_xact_lock key of the IMAP poll

export function imapClientOptions(imapUrl: string) {
  const url = new URL(imapUrl);
  const secure = url.protocol === "imaps:";
  return {
    mailbox: decodeURIComponent(url.pathname.replace(/^\//, "")) || "INBOX",
    client: {
      host: url.hostname,
      port: url.port ? Number(url.port) : secure ? 993 : 143,
      secure,
      auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
      logger: false as const,
    },
  };
}

/** Connects, turning the library's errors into sentences an operator can act on. */
async function connect(client: ImapFlow, options: { host: string; port: number }): Promise<void> {
  const where = `${options.host}:${options.port}`;
  try {
    await client.connect();
  } catch (error) {
    const failure = error as Error & { code?: string; authenticationFailed?: boolean; responseText?: string };
    if (failure.authenticationFailed)
      throw new Error(
        `The IMAP server ${where} refused the user and password of ` +
          `IMAP_URL: ${failure.responseText ?? failure.message}`,
      );
    throw new Error(`The IMAP server ${where} could not be reached: ${failure.code ?? failure.message}`);
  }
}

export async function pollImapOnce(
  db: Db,
  imapUrl: string,
  options: IntakeOptions & { maxBytes: number },
): Promise<{ received: number } | null> {
  return inTransaction(
    db,
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ got: boolean }[]>`select pg_try_advisory_xact_lock(${POLL_LOCK}) as got`;
      if (!lock?.got) return null; // another instance is polling
      const { mailbox, client: clientOptions } = imapClientOptions(imapUrl);
      const client = new ImapFlow(clientOptions);
      // A connection dropped mid-poll is also emitted as an event: unheard, it would end the process.
      client.on("error", (error: Error) => logger.warn("IMAP connection error", { error: error.message }));
      await connect(client, clientOptions);
      let received = 0;
      try {
        const mailboxLock = await client.getMailboxLock(mailbox);
        try {
          const unseen = await client.fetchAll({ seen: false }, { uid: true, size: true }, { uid: false });
          for (const { uid, size } of unseen) {
            const tooLarge = (size ?? 0) > options.maxBytes;
            const message = await client.fetchOne(String(uid), tooLarge ? { headers: true } : { source: true }, {
              uid: true,
            });
            if (!message) continue;
            const raw = tooLarge ? (message.headers ?? Buffer.alloc(0)) : (message.source ?? Buffer.alloc(0));
            if (tooLarge) {
              await db.mailInbound.create({
                data: {
                  via: "imap",
                  sizeBytes: size ?? raw.byteLength,
                  raw: new Uint8Array(raw),
                  status: "FAILED",
                  reason:
                    `The mail is too large (${Math.ceil((size ?? 0) / 1048576)} MB; at ` +
                    (`most ${Math.ceil(options.maxBytes / 1048576)} MB): only its headers are kept, it ` +
                      `stays in the mailbox.`),
                },
              });
            } else {
              await receiveMail(db, raw, { via: "imap" }, options);
            }
            await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
            received++;
          }
        } finally {
          mailboxLock.release();
        }
      } finally {
        await client.logout().catch(() => {});
      }
      return { received };
    },
    { kind: "imapPoll" },
  );
}

export function startImapJob(
  db: Db,
  imapUrl: string,
  options: IntakeOptions & { maxBytes: number },
  everySeconds: number,
) {
  return startPeriodicJob("IMAP poll", everySeconds, async () => {
    const result = await pollImapOnce(db, imapUrl, options);
    if (result?.received) logger.info("mail fetched from the IMAP mailbox", result);
  });
}
