import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { createTestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { testMailConfig } from "@/test/mail";
import { console_, createAgent, createGroupWith, portal } from "@/test/tickets";
import { LocalDiskStore } from "../attachments/local-disk-store";
import { createTicket } from "../tickets/create-ticket";
import { addComment } from "../tickets/add-comment";
import { updateTicket } from "../tickets/update-ticket";
import { getPortalTicket } from "../tickets/portal-view";
import { runMailJob } from "./job";
import { replyAddressFor } from "./reply-address";
import { startSmtpListener } from "./smtp-listener";
import type { IntakeOptions } from "./intake";
import { listInbound } from "./admin-list";

/*
 * Mail coming in, over real SMTP: nodemailer as the sending server, seatdesk's listener (started
 * here on a port of its own) as the receiver, and every outcome read back from the database.
 */

let db: Db;
let dir: string;
let listener: Awaited<ReturnType<typeof startSmtpListener>>;
let options: IntakeOptions & { maxBytes: number };
let requester: Awaited<ReturnType<typeof createUser>>;
let agent: Awaited<ReturnType<typeof createAgent>>;
const config = testMailConfig(null);
const MAX_BYTES = 25 * 1024 * 1024;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  dir = await mkdtemp(path.join(os.tmpdir(), "seatdesk-mail-"));
  options = {
    config,
    unknownSenders: "refuse",
    perHour: 1000,
    attachments: { store: new LocalDiskStore(dir), maxBytes: 1024 * 1024 },
    maxBytes: MAX_BYTES,
  };
  listener = await startSmtpListener(db, { ...options, port: 0, host: "127.0.0.1" });
  requester = await createUser(db, { name: "Rita Requester", email: "rita@example.test" });
  agent = await createAgent(db, "Dana Desk");
  await createGroupWith(db, "Service Desk", [agent]);
});
afterAll(async () => {
  await listener.stop();
  await rm(dir, { recursive: true, force: true });
});

const client = () =>
  nodemailer.createTransport({ host: "127.0.0.1", port: listener.port, secure: false, ignoreTLS: true });
const send = (message: nodemailer.SendMailOptions) => client().sendMail({ to: "desk@desk.test", ...message });
const lastInbound = () => db.mailInbound.findFirstOrThrow({ orderBy: { id: "desc" } });
const report = () => createTicket(db, portal(requester), { title: "VPN drops every hour", impact: 3, urgency: 3 });

describe("a new mail", () => {
  it("from a known person opens a ticket for them, kept with its outcome", async () => {
    await send({ from: "Rita <Rita@Example.test>", subject: "Screen flickers", text: "Since this morning." });
    const kept = await lastInbound();
    expect(kept).toMatchObject({ status: "PROCESSED", via: "smtp", fromAddress: "rita@example.test" });
    const ticket = await db.ticket.findUniqueOrThrow({ where: { id: kept.ticketId! } });
    expect(ticket).toMatchObject({
      title: "Screen flickers",
      description: "Since this morning.",
      requesterId: requester.id,
    });
    expect(kept.reason).toMatch(/^Opened INC-\d{6}\.$/);
  });

  it("stores an HTML-only mail as text: markup and scripts are not kept as markup", async () => {
    await send({
      from: "rita@example.test",
      subject: "Strange page",
      html: "<p>Hello <b>there</b></p><script>alert('x')</script><img src=x onerror=alert(1)>",
    });
    const ticket = await db.ticket.findUniqueOrThrow({ where: { id: (await lastInbound()).ticketId! } });
    expect(ticket.description).toContain("Hello there");
    expect(ticket.description).not.toMatch(/<script|onerror|<p>/);
  });

  it("from an unknown sender is refused with an automatic answer (by default), never opening a ticket", async () => {
    const tickets = await db.ticket.count();
    await send({ from: "stranger@else.test", subject: "Hello desk", text: "Can you help?" });
    expect(await lastInbound()).toMatchObject({ status: "IGNORED", reason: expect.stringContaining("not known here") });
    expect(await db.ticket.count()).toBe(tickets);
    await runMailJob(db, config, null);
    const answer = await db.mailOutbox.findFirstOrThrow({ where: { toAddress: "stranger@else.test" } });
    expect(answer.subject).toBe("Your mail to the service desk was not accepted");
  });

  it("from an unknown sender makes them an end user when the desk is set so", async () => {
    const open = await startSmtpListener(db, { ...options, unknownSenders: "create", port: 0, host: "127.0.0.1" });
    try {
      await nodemailer.createTransport({ host: "127.0.0.1", port: open.port, ignoreTLS: true }).sendMail({
        from: "Nina New <nina@example.test>",
        to: "desk@desk.test",
        subject: "Need a laptop",
        text: "Please",
      });
      const kept = await lastInbound();
      expect(kept.status).toBe("PROCESSED");
      const nina = await db.user.findUniqueOrThrow({ where: { email: "nina@example.test" } });
      expect(nina).toMatchObject({ name: "Nina New", role: "END_USER" });
      expect((await db.ticket.findUniqueOrThrow({ where: { id: kept.ticketId! } })).requesterId).toBe(nina.id);
    } finally {
      await open.stop();
    }
  });

  it("keeps a file that follows the upload rules and names one that does not", async () => {
    await send({
      from: "rita@example.test",
      subject: "Invoice attached",
      text: "See the PDF.",
      attachments: [
        { filename: "invoice.pdf", content: Buffer.from("%PDF-1.7\n% test invoice\n") },
        { filename: "tool.exe", content: Buffer.from("MZ\x90\x00binary") },
      ],
    });
    const kept = await lastInbound();
    expect(kept.status).toBe("PROCESSED");
    expect(kept.reason).toContain("tool.exe");
    const files = await db.ticketAttachment.findMany({ where: { ticketId: kept.ticketId! } });
    expect(files.map((f) => f.fileName)).toEqual(["invoice.pdf"]);
  });
});

describe("a reply", () => {
  it(
    "to the signed reply address lands on the ticket as the requester's public reply, quoted history " + "trimmed",
    async () => {
      const t = await report();
      await send({
        from: "rita@example.test",
        to: replyAddressFor(config.replySecret, config.fromAddress, t),
        subject: `Re: [${t.displayNumber}] New reply: VPN drops every hour`,
        text:
          "It happened again at 10:00.\n\nOn Mon, 7 Dec 2026, IT Service Desk <desk@desk.test> " +
          "wrote:\n> Does it still happen?\n",
      });
      expect(await lastInbound()).toMatchObject({ status: "PROCESSED", ticketId: t.id });
      const view = await getPortalTicket(db, requester, t.displayNumber);
      const last = view.comments[view.comments.length - 1]!;
      expect(last).toMatchObject({ body: "It happened again at 10:00." });
      expect(last.author.id).toBe(requester.id);
      const row = await db.ticketComment.findFirstOrThrow({
        where: { ticketId: t.id },
        orderBy: { createdAt: "desc" },
      });
      expect(row.internal).toBe(false);
    },
  );

  it("found by In-Reply-To when sent to the plain desk address", async () => {
    const t = await report();
    await addComment(db, console_(agent), { ticketId: t.id, body: "Which office?" });
    await runMailJob(db, config, null);
    const sent = await db.mailOutbox.findFirstOrThrow({ where: { ticketId: t.id, toAddress: "rita@example.test" } });
    await send({ from: "rita@example.test", subject: "Re: your mail", text: "Berlin.", inReplyTo: sent.messageId });
    expect(await lastInbound()).toMatchObject({ status: "PROCESSED", ticketId: t.id });
  });

  it("delivered twice (same Message-ID) is added once", async () => {
    const t = await report();
    const message = {
      from: "rita@example.test",
      to: replyAddressFor(config.replySecret, config.fromAddress, t),
      subject: "Re: once",
      text: "Only once please.",
      messageId: `<once-${t.id}@example.test>`,
    };
    await send(message);
    await send(message);
    expect(await db.ticketComment.count({ where: { ticketId: t.id, body: "Only once please." } })).toBe(1);
    expect(await lastInbound()).toMatchObject({
      status: "IGNORED",
      reason: expect.stringContaining("same Message-ID"),
    });
  });

  it("to a forged reply address is kept and ignored, added to no ticket", async () => {
    const t = await report();
    const genuine = replyAddressFor(config.replySecret, config.fromAddress, t);
    const forged = genuine.replace(/\.[a-z0-9_-]+@/, ".aaaaaaaaaaaaaaaa@");
    await send({ from: "rita@example.test", to: forged, subject: "Re: hi", text: "Sneaky" });
    expect(await lastInbound()).toMatchObject({ status: "IGNORED", reason: expect.stringContaining("Forged") });
    expect(await db.ticketComment.count({ where: { ticketId: t.id } })).toBe(0);
  });

  it("from someone other than the requester is held, not added", async () => {
    const t = await report();
    const other = await createUser(db);
    await send({
      from: other.email,
      to: replyAddressFor(config.replySecret, config.fromAddress, t),
      subject: "Re",
      text: "me too",
    });
    expect(await lastInbound()).toMatchObject({ status: "HELD", ticketId: t.id });
    expect(await db.ticketComment.count({ where: { ticketId: t.id } })).toBe(0);
  });

  it("to a closed ticket tells the requester to open a new one, with a link", async () => {
    const t = await report();
    let version = 1;
    for (const changes of [{ assigneeId: agent.id }, { status: "RESOLVED" as const }, { status: "CLOSED" as const }])
      version = (await updateTicket(db, console_(agent), { id: t.id, expectedVersion: version, changes })).version;
    await send({
      from: "rita@example.test",
      to: replyAddressFor(config.replySecret, config.fromAddress, t),
      subject: "Re",
      text: "Broken again",
    });
    expect(await lastInbound()).toMatchObject({ status: "IGNORED", reason: expect.stringContaining("closed") });
    await runMailJob(db, config, null);
    const answer = await db.mailOutbox.findFirstOrThrow({ where: { kind: "closed-ticket-reply", ticketId: t.id } });
    expect(answer.textBody).toContain("https://desk.test/portal/new");
    expect(answer.textBody).toContain(t.displayNumber);
  });
});

describe("loops, floods and bad input", () => {
  it("never answers an automatic reply or a bounce", async () => {
    const before = await db.mailOutbox.count();
    await send({
      from: "stranger@else.test",
      subject: "Out of office",
      text: "Away",
      headers: { "Auto-Submitted": "auto-replied" },
    });
    expect(await lastInbound()).toMatchObject({ status: "IGNORED", reason: expect.stringContaining("Auto-Submitted") });
    await send({ from: "MAILER-DAEMON@else.test", subject: "Undelivered Mail Returned to Sender", text: "bounce" });
    expect(await lastInbound()).toMatchObject({ status: "IGNORED", reason: expect.stringContaining("bounce") });
    await runMailJob(db, config, null);
    expect(await db.mailOutbox.count()).toBe(before);
  });

  it("holds a sender over the hourly limit instead of opening a ticket per mail", async () => {
    const flood = await startSmtpListener(db, { ...options, perHour: 3, port: 0, host: "127.0.0.1" });
    const flooder = await createUser(db);
    try {
      const transport = nodemailer.createTransport({ host: "127.0.0.1", port: flood.port, ignoreTLS: true });
      for (let i = 0; i < 6; i++)
        await transport.sendMail({ from: flooder.email, to: "desk@desk.test", subject: `Flood ${i}`, text: "x" });
      expect(await db.ticket.count({ where: { requesterId: flooder.id } })).toBe(3);
      expect(await db.mailInbound.count({ where: { fromAddress: flooder.email, status: "HELD" } })).toBe(3);
      // Administrators find them by status, newest first.
      const held = await listInbound(db, { status: "HELD", limit: 2 });
      expect(held.items.map((m) => m.subject)).toEqual(["Flood 5", "Flood 4"]);
      expect(held.items[0]!.reason).toContain("held for an administrator");
      expect((await listInbound(db, { status: "HELD", limit: 2, cursor: held.nextCursor! })).items[0]!.subject).toBe(
        "Flood 3",
      );
    } finally {
      await flood.stop();
    }
  });

  it("keeps a mail without a sender as failed, with the reason", async () => {
    const raw = "To: desk@desk.test\r\nSubject: who am I\r\n\r\nno From header\r\n";
    await client().sendMail({ envelope: { from: "someone@else.test", to: ["desk@desk.test"] }, raw });
    const kept = await lastInbound();
    expect(kept).toMatchObject({ status: "FAILED", reason: "The mail has no sender address (From)." });
    expect(Buffer.from(kept.raw).toString()).toContain("no From header");
  });

  it("keeps a malformed MIME mail with its bytes and a clear outcome", async () => {
    const raw =
      "From: rita@example.test\r\nTo: desk@desk.test\r\nSubject: broken\r\nContent-Type: multipart/mixed; " +
      'boundary="zzz"\r\n\r\n' +
      "--zzz\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64***\r\n--zzz\r\n" +
      'Content-Type: application/pdf; name="a.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjcK\r\n';
    await client().sendMail({ envelope: { from: "rita@example.test", to: ["desk@desk.test"] }, raw });
    const kept = await lastInbound();
    expect(["PROCESSED", "FAILED"]).toContain(kept.status);
    expect(kept.reason).toBeTruthy();
    expect(Buffer.from(kept.raw).toString()).toBe(raw);
  });

  it("refuses a 50 MB mail at the door (552), storing nothing half", async () => {
    const before = await db.mailInbound.count();
    const error = await send({
      from: "rita@example.test",
      subject: "Huge",
      text: "see attachment",
      attachments: [{ filename: "big.pdf", content: Buffer.alloc(50 * 1024 * 1024, 0x41) }],
    }).then(
      () => null,
      (e: { responseCode?: number; message: string }) => e,
    );
    expect(error?.responseCode).toBe(552);
    expect(error?.message).toMatch(/too large|size/i);
    expect(await db.mailInbound.count()).toBe(before);
  });

  it("is not a relay: refuses mail for other domains", async () => {
    const error = await send({ from: "rita@example.test", to: "someone@other.test", subject: "relay", text: "x" }).then(
      () => null,
      (e: { responseCode?: number }) => e,
    );
    expect(error?.responseCode).toBe(550);
  });
});
