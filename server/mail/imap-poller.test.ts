import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/server/db/client";
import { createTestDatabase } from "@/test/db";
import { dovecotBinary, startDovecot, type Dovecot } from "@/test/dovecot";
import { createUser } from "@/test/factories";
import { testMailConfig } from "@/test/mail";
import { createAgent, createGroupWith, portal } from "@/test/tickets";
import { LocalDiskStore } from "../attachments/local-disk-store";
import { logger } from "../logger";
import { createTicket } from "../tickets/create-ticket";
import type { IntakeOptions } from "./intake";
import { pollImapOnce, startImapJob } from "./imap-poller";
import { replyAddressFor } from "./reply-address";

/*
 * Polling an IMAP mailbox against a real IMAP server: Dovecot, started here with a configuration
 * of its own (test/dovecot.ts). Messages are put into the mailbox with APPEND, as a mail server's
 * delivery would, and every outcome is read back from the database and from the mailbox.
 */

if (!dovecotBinary)
  console.warn("SKIPPED server/mail/imap-poller.test.ts: dovecot is not installed (apt-get install dovecot-imapd)");

describe.skipIf(!dovecotBinary)("polling an IMAP mailbox (Dovecot)", () => {
  let db: Db;
  let dir: string;
  let dovecot: Dovecot;
  let options: IntakeOptions & { maxBytes: number };
  let requester: Awaited<ReturnType<typeof createUser>>;
  const config = testMailConfig(null);

  beforeAll(async () => {
    ({ db } = await createTestDatabase());
    dir = await mkdtemp(path.join(os.tmpdir(), "seatdesk-imap-"));
    dovecot = await startDovecot();
    options = {
      config,
      unknownSenders: "refuse",
      perHour: 1000,
      attachments: { store: new LocalDiskStore(dir), maxBytes: 1024 * 1024 },
      maxBytes: 25 * 1024 * 1024,
    };
    requester = await createUser(db, { name: "Rita Requester", email: "rita@example.test" });
    await createGroupWith(db, "Service Desk", [await createAgent(db, "Dana Desk")]);
  }, 30_000);
  afterAll(async () => {
    await dovecot?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  /** A client of the mailbox of our own, to deliver into it and look at it. */
  async function mailbox<T>(work: (client: ImapFlow) => Promise<T>): Promise<T> {
    const client = new ImapFlow({
      host: "127.0.0.1",
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.password },
      logger: false,
    });
    await client.connect();
    try {
      const lock = await client.getMailboxLock("INBOX");
      try {
        return await work(client);
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
  }
  const deliver = (raw: string, flags: string[] = []) =>
    mailbox((client) => client.append("INBOX", raw.replace(/\n/g, "\r\n"), flags));
  const unseenCount = () => mailbox(async (client) => ((await client.search({ seen: false })) || []).length);
  const counts = async () => ({
    inbound: await db.mailInbound.count(),
    tickets: await db.ticket.count(),
    comments: await db.ticketComment.count(),
  });
  const message = (id: string, headers: string, body: string) =>
    `From: Rita <rita@example.test>\nDate: Sun, 6 Dec 2026 10:00:00 +0000\nMessage-ID: <${id}@example.test>\n` +
    `${headers}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n${body}\n`;

  it("turns each unseen message into a ticket or a reply once, and marks it seen", async () => {
    const ticket = await createTicket(db, portal(requester), { title: "VPN drops every hour", impact: 3, urgency: 3 });
    const before = await counts();
    await deliver(message("new-1", "To: desk@desk.test\nSubject: Printer jams", "On the second floor."));
    await deliver(
      message(
        "reply-1",
        `To: ${replyAddressFor(config.replySecret, config.fromAddress, ticket)}\nSubject: Re: ` +
          `[${ticket.displayNumber}]`,
        "It happened again at 10:00.",
      ),
    );
    await deliver(message("old-1", "To: desk@desk.test\nSubject: Read already", "Someone read this."), ["\\Seen"]);

    expect(await pollImapOnce(db, dovecot.url, options)).toEqual({ received: 2 });

    const rows = await db.mailInbound.findMany({ where: { via: "imap" }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.messageId, r.status])).toEqual([
      ["<new-1@example.test>", "PROCESSED"],
      ["<reply-1@example.test>", "PROCESSED"],
    ]);
    const opened = await db.ticket.findUniqueOrThrow({ where: { id: rows[0]!.ticketId! } });
    expect(opened).toMatchObject({ title: "Printer jams", requesterId: requester.id });
    const reply = await db.ticketComment.findUniqueOrThrow({ where: { id: rows[1]!.commentId! } });
    expect(reply).toMatchObject({ ticketId: ticket.id, body: "It happened again at 10:00.", internal: false });
    expect(await counts()).toEqual({
      inbound: before.inbound + 2,
      tickets: before.tickets + 1,
      comments: before.comments + 1,
    });
    expect(await unseenCount()).toBe(0); // flagged \Seen, left in the mailbox

    // A second poll finds nothing to do.
    const after = await counts();
    expect(await pollImapOnce(db, dovecot.url, options)).toEqual({ received: 0 });
    expect(await counts()).toEqual(after);
  });

  it("a message handed over again (a crash before \\Seen was set) adds no second ticket", async () => {
    await deliver(message("again-1", "To: desk@desk.test\nSubject: Monitor is dark", "No picture."));
    expect(await pollImapOnce(db, dovecot.url, options)).toEqual({ received: 1 });
    const after = await counts();
    // The crash window: kept in the database, but the flag never reached the server.
    // Every message polled so far (not the one that was read before it arrived) is handed over again.
    await mailbox(async (client) => {
      const readBefore = await client.search({ header: { subject: "Read already" } }, { uid: true });
      await client.messageFlagsRemove({ all: true }, ["\\Seen"]);
      await client.messageFlagsAdd(readBefore || [], ["\\Seen"], { uid: true });
    });
    expect(await pollImapOnce(db, dovecot.url, options)).toEqual({ received: 3 });
    expect(await db.ticket.count()).toBe(after.tickets);
    expect(await db.ticketComment.count()).toBe(after.comments);
    const again = await db.mailInbound.findMany({ where: { messageId: "<again-1@example.test>" } });
    expect(again.map((r) => r.status).sort()).toEqual(["IGNORED", "PROCESSED"]);
    expect(again.find((r) => r.status === "IGNORED")!.reason).toMatch(/Already received/);
    const replyAgain = await db.mailInbound.findMany({ where: { messageId: "<reply-1@example.test>" } });
    expect(replyAgain.map((r) => r.status).sort()).toEqual(["IGNORED", "PROCESSED"]);
    expect(await unseenCount()).toBe(0);
  });

  it("keeps a message over the size limit from its headers alone, with the reason", async () => {
    await deliver(message("big-1", "To: desk@desk.test\nSubject: Big scan", "x".repeat(4096)));
    const before = await counts();
    expect(await pollImapOnce(db, dovecot.url, { ...options, maxBytes: 1024 })).toEqual({ received: 1 });
    const kept = await db.mailInbound.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(kept).toMatchObject({ via: "imap", status: "FAILED" });
    expect(kept.reason).toMatch(/too large.*only its headers are kept/);
    expect(Buffer.from(kept.raw).toString()).toContain("Subject: Big scan");
    expect(Buffer.from(kept.raw).toString()).not.toContain("xxxx");
    expect(await db.ticket.count()).toBe(before.tickets);
  });

  it("reports a mailbox that cannot be reached or refuses the password, and the job keeps running", async () => {
    const closed = await startDovecot();
    const unreachable = closed.url;
    await closed.stop(); // nothing listens on that port any more
    await expect(pollImapOnce(db, unreachable, options)).rejects.toThrow(/IMAP server .* could not be reached/);
    const wrongPassword = dovecot.url.replace(dovecot.password, "wrong");
    await expect(pollImapOnce(db, wrongPassword, options)).rejects.toThrow(/IMAP server .* refused/);

    const warn = vi.spyOn(logger, "warn");
    const stop = startImapJob(db, unreachable, options, 0.2);
    try {
      await vi.waitFor(() => expect(warn.mock.calls.length).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
      const [message, fields] = warn.mock.calls[0]!;
      expect(message).toBe("IMAP poll failed");
      expect(String(fields?.error)).toMatch(/could not be reached/);
    } finally {
      stop();
      warn.mockRestore();
    }
  }, 30_000);
});
