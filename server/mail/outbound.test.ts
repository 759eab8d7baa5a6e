import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import type { Db } from "@/server/db/client";
import { createTestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { addressesOf, parseAll, testMailConfig } from "@/test/mail";
import { console_, createAgent, createGroupWith, portal, refusal } from "@/test/tickets";
import { startCaptureSmtp } from "@/scripts/lib/capture-smtp";
import { createTicket } from "../tickets/create-ticket";
import { addComment } from "../tickets/add-comment";
import { updateTicket } from "../tickets/update-ticket";
import { runMailJob } from "./job";
import { listOutbox } from "./admin-list";
import { createSmtpTransport, sendDueMail } from "./send";
import { readReplyAddress } from "./reply-address";

/*
 * Outgoing mail against a real SMTP server (smtp-server, started here on a port of its own): what
 * each person receives, parsed back with mailparser; the outbox's transactions, folding, retries,
 * permanent failures, several senders at once, and the server going away mid-run.
 */

let db: Db;
let newClient: (max?: number) => Db;
let smtp: Awaited<ReturnType<typeof startCaptureSmtp>>;
let requester: Awaited<ReturnType<typeof createUser>>;
let agent: Awaited<ReturnType<typeof createAgent>>;
let colleague: Awaited<ReturnType<typeof createAgent>>;

beforeAll(async () => {
  ({ db, newClient } = await createTestDatabase());
  smtp = await startCaptureSmtp();
  requester = await createUser(db, { name: "Rita Requester", email: "rita@example.test" });
  agent = await createAgent(db, "Dana Desk");
  colleague = await createAgent(db, "Colin Colleague");
  await createGroupWith(db, "Service Desk", [agent, colleague]);
});
afterAll(async () => smtp.stop());
beforeEach(async () => {
  smtp.reject(null);
  smtp.messages.length = 0;
  // Each test starts with an empty outbox: earlier tests' leftovers must not be sent in this one.
  await db.mailOutbox.deleteMany();
  await db.mailEvent.updateMany({ where: { expandedAt: null }, data: { expandedAt: new Date() } });
});

const config = () => testMailConfig(smtp.url);
const run = (options = {}) => runMailJob(db, config(), createSmtpTransport(smtp.url), options);
const report = (title = "Printer on floor 2 jams") =>
  createTicket(db, portal(requester), { title, description: "Paper jam every morning", impact: 3, urgency: 3 });

describe("mail to the requester", () => {
  it(
    "says a ticket was received, with its number, in a plain and an HTML part, threaded, with a signed " +
      "reply address",
    async () => {
      const t = await report();
      const result = await run();
      expect(result).toMatchObject({ sent: 1, failed: 0 });
      const [mail] = await parseAll(smtp.messages);
      expect(smtp.messages).toHaveLength(1);
      expect(addressesOf(mail!)).toEqual(["rita@example.test"]);
      expect(mail!.subject).toBe(`[${t.displayNumber}] We received your request: Printer on floor 2 jams`);
      expect(mail!.text).toContain(`gave it the number ${t.displayNumber}`);
      expect(mail!.text).toContain(`https://desk.test/portal/tickets/${t.displayNumber}`);
      expect(mail!.html).toContain(`href="https://desk.test/portal/tickets/${t.displayNumber}"`);
      expect(mail!.headers.get("auto-submitted")).toBe("auto-generated");
      const row = await db.mailOutbox.findFirstOrThrow({ where: { ticketId: t.id } });
      expect(row).toMatchObject({ status: "SENT", attempts: 1 });
      expect(mail!.messageId).toBe(row.messageId);
      expect(mail!.inReplyTo).toBe(`<ticket-${t.id}@desk.test>`);
      expect(mail!.references).toBe(`<ticket-${t.id}@desk.test>`);
      const replyTo = addressesOf(mail!, "replyTo")[0]!;
      expect(readReplyAddress(config().replySecret, "desk@desk.test", replyTo)).toEqual({
        kind: "valid",
        type: "INCIDENT",
        number: t.number,
      });
    },
  );

  it(
    "gets the agent's public reply but never an internal note's text, and the agent is not told of their " +
      "own reply",
    async () => {
      const t = await report();
      await addComment(db, console_(agent), {
        ticketId: t.id,
        body: "SECRET: the vendor owes us money",
        internal: true,
      });
      await addComment(db, console_(agent), { ticketId: t.id, body: "Please try tray 2 for now." });
      await run();
      const mails = await parseAll(smtp.messages);
      const toRequester = mails.filter((m) => addressesOf(m).includes("rita@example.test"));
      expect(toRequester.map((m) => m.subject)).toEqual([
        `[${t.displayNumber}] We received your request: Printer on floor 2 jams`,
        `[${t.displayNumber}] New reply: Printer on floor 2 jams`,
      ]);
      for (const m of mails) {
        expect(m.text).not.toContain("SECRET");
        expect(String(m.html)).not.toContain("SECRET");
      }
      expect(toRequester[1]!.text).toContain("> Please try tray 2 for now.");
      expect(toRequester[1]!.text).toContain("Dana Desk replied:");
      expect(mails.some((m) => addressesOf(m).includes(agent.email))).toBe(false);
    },
  );

  it("escapes what people typed in the HTML part", async () => {
    const t = await report('<script>alert("x")</script> & more');
    await run();
    const [mail] = await parseAll(smtp.messages);
    expect(mail!.html).not.toContain("<script>");
    expect(mail!.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more");
    expect(mail!.subject).toContain(t.displayNumber);
  });

  it("is told of Pending, Resolved (with confirm and reopen links) and Closed", async () => {
    const t = await report();
    let version = 1;
    for (const changes of [
      { assigneeId: agent.id },
      { status: "PENDING" as const },
      { status: "IN_PROGRESS" as const },
      { status: "RESOLVED" as const },
      { status: "CLOSED" as const },
    ]) {
      version = (await updateTicket(db, console_(agent), { id: t.id, expectedVersion: version, changes })).version;
    }
    await run();
    const subjects = (await parseAll(smtp.messages)).filter((m) => addressesOf(m).includes("rita@example.test"));
    expect(subjects.map((m) => m.subject!.replace(/^\[[A-Z]+-\d+\] /, ""))).toEqual([
      "We received your request: Printer on floor 2 jams",
      "Waiting for you: Printer on floor 2 jams",
      "Resolved: Printer on floor 2 jams",
      "Closed: Printer on floor 2 jams",
    ]);
    const resolved = subjects[2]!;
    expect(resolved.text).toContain(`/portal/tickets/${t.displayNumber}?resolution=confirm`);
    expect(resolved.text).toContain(`/portal/tickets/${t.displayNumber}?resolution=reopen`);
  });
});

describe("the transactional outbox", () => {
  it("writes nothing when the change is refused (a stale edit, a reply to a closed ticket)", async () => {
    const t = await report();
    const before = await db.mailEvent.count();
    await refusal(updateTicket(db, console_(agent), { id: t.id, expectedVersion: 7, changes: { status: "PENDING" } }));
    expect(await db.mailEvent.count()).toBe(before);
  });

  it("with no SMTP server configured, keeps the messages in the outbox, unsent", async () => {
    await report();
    const result = await runMailJob(db, testMailConfig(null), null);
    expect(result).toMatchObject({ events: 1, sent: 0 });
    expect(await db.mailOutbox.findMany({ select: { status: true, toAddress: true } })).toEqual([
      { status: "PENDING", toAddress: "rita@example.test" },
    ]);
    expect(smtp.messages).toHaveLength(0);
  });

  it("is read by administrators a page at a time, newest first, by status", async () => {
    for (const title of ["First", "Second", "Third"]) await report(title);
    await runMailJob(db, testMailConfig(null), null);
    const first = await listOutbox(db, { limit: 2 });
    expect(first.items.map((m) => m.subject.replace(/^\[[A-Z]+-\d+\] /, ""))).toEqual([
      "We received your request: Third",
      "We received your request: Second",
    ]);
    const second = await listOutbox(db, { limit: 2, cursor: first.nextCursor! });
    expect(second).toMatchObject({ nextCursor: null, items: [{ status: "PENDING", attempts: 0 }] });
    expect((await listOutbox(db, { status: "SENT" })).items).toEqual([]);
  });

  it("folds several changes to one ticket within the window into one message per person", async () => {
    const t = await report();
    await addComment(db, console_(agent), { ticketId: t.id, body: "Which printer exactly?" });
    await updateTicket(db, console_(agent), { id: t.id, expectedVersion: 1, changes: { assigneeId: agent.id } });
    await updateTicket(db, console_(agent), { id: t.id, expectedVersion: 2, changes: { status: "PENDING" } });
    const folding = testMailConfig(smtp.url, { foldSeconds: 60 });
    await runMailJob(db, folding, createSmtpTransport(smtp.url));
    expect(smtp.messages).toHaveLength(0); // still within the fold window
    const rows = await db.mailOutbox.findMany({ where: { ticketId: t.id } });
    expect(rows.map((r) => r.toAddress)).toEqual(["rita@example.test"]);
    expect(rows[0]!.subject).toBe(`[${t.displayNumber}] 3 updates: Printer on floor 2 jams`);
    // The window passes.
    await db.mailOutbox.updateMany({ data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    await runMailJob(db, folding, createSmtpTransport(smtp.url));
    const [mail] = await parseAll(smtp.messages);
    expect(smtp.messages).toHaveLength(1);
    expect(mail!.text).toContain("We received your request");
    expect(mail!.text).toContain("> Which printer exactly?");
    expect(mail!.text).toContain("waiting for an answer from you");
  });
});

describe("what agents are told", () => {
  it("assigned to me, and the requester replied on my ticket; my group's new tickets only when opted in", async () => {
    await db.mailPreference.create({ data: { userId: colleague.id, agentGroupReceived: true } });
    onTestFinished(() => db.mailPreference.deleteMany({ where: { userId: colleague.id } }).then(() => {}));
    const t = await report();
    await run();
    let mails = await parseAll(smtp.messages);
    // Colin opted in to his group's new tickets; Dana did not.
    expect(mails.filter((m) => addressesOf(m).includes(colleague.email)).map((m) => m.subject)).toEqual([
      `[${t.displayNumber}] New for Service Desk: Printer on floor 2 jams`,
    ]);
    expect(mails.some((m) => addressesOf(m).includes(agent.email))).toBe(false);
    expect(mails.find((m) => addressesOf(m).includes(colleague.email))!.text).toContain(
      `https://desk.test/console/tickets/${t.displayNumber}`,
    );

    smtp.messages.length = 0;
    await updateTicket(db, console_(colleague), { id: t.id, expectedVersion: 1, changes: { assigneeId: agent.id } });
    await addComment(db, portal(requester), {
      ticketId: t.id,
      body: "It is the HP one.\n\nOn Monday, Desk wrote:\n> Which?",
    });
    await run();
    mails = await parseAll(smtp.messages);
    expect(mails.filter((m) => addressesOf(m).includes(agent.email)).map((m) => m.subject)).toEqual([
      `[${t.displayNumber}] Assigned to you: Printer on floor 2 jams`,
      `[${t.displayNumber}] The requester replied: Printer on floor 2 jams`,
    ]);
  });

  it("respects a requester who turned replies off", async () => {
    await db.mailPreference.create({ data: { userId: requester.id, requesterReplies: false } });
    try {
      const t = await report();
      await addComment(db, console_(agent), { ticketId: t.id, body: "Done?" });
      await run();
      expect((await parseAll(smtp.messages)).map((m) => m.subject)).toEqual([
        `[${t.displayNumber}] We received your request: Printer on floor 2 jams`,
      ]);
    } finally {
      await db.mailPreference.delete({ where: { userId: requester.id } });
    }
  });
});

describe("sending", () => {
  it(
    "marks a message the server refuses for good (5xx) as FAILED with the server's words, and does not " + "retry it",
    async () => {
      await report();
      smtp.reject({ code: 550, message: "Mailbox unavailable" });
      const result = await run({ backoffSeconds: () => 0 });
      expect(result).toMatchObject({ sent: 0, failed: 1 });
      const row = await db.mailOutbox.findFirstOrThrow();
      expect(row.status).toBe("FAILED");
      expect(row.lastError).toContain("Mailbox unavailable");
      smtp.reject(null);
      await run({ backoffSeconds: () => 0 });
      expect(smtp.messages).toHaveLength(0);
    },
  );

  it("retries a temporary refusal (4xx) with backoff and gives up after the most attempts", async () => {
    await report();
    smtp.reject({ code: 451, message: "Try again later" });
    await run({ backoffSeconds: () => 0, maxAttempts: 3 });
    let row = await db.mailOutbox.findFirstOrThrow();
    expect(row).toMatchObject({ status: "PENDING", attempts: 1 });
    // The backoff is respected: with a long one nothing is tried again yet.
    await run({ backoffSeconds: () => 0, maxAttempts: 3 });
    await db.mailOutbox.updateMany({ data: { nextAttemptAt: new Date(Date.now() + 3_600_000) } });
    await run({ maxAttempts: 3 });
    row = await db.mailOutbox.findFirstOrThrow();
    expect(row).toMatchObject({ status: "PENDING", attempts: 2 });
    await db.mailOutbox.updateMany({ data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    await run({ backoffSeconds: () => 0, maxAttempts: 3 });
    row = await db.mailOutbox.findFirstOrThrow();
    expect(row).toMatchObject({ status: "FAILED", attempts: 3 });
    expect(row.lastError).toContain("Try again later");
  });

  it("never lets two senders take the same message: a claimed message is skipped until its claim lapses", async () => {
    await report();
    await runMailJob(db, config(), null); // events into messages, nothing sent
    await db.mailOutbox.updateMany({ data: { claimedUntil: new Date(Date.now() + 60_000), claimToken: "other" } });
    expect(await sendDueMail(db, createSmtpTransport(smtp.url), config())).toEqual({ sent: 0, retrying: 0, failed: 0 });
    await db.mailOutbox.updateMany({ data: { claimedUntil: new Date(Date.now() - 1000) } });
    expect(await sendDueMail(db, createSmtpTransport(smtp.url), config())).toMatchObject({ sent: 1 });
    expect(smtp.messages).toHaveLength(1);
  });

  it(
    "after a crash between the server's acceptance and the 'sent' mark, sends again with the same " + "Message-ID",
    async () => {
      await report();
      await runMailJob(db, config(), null);
      const real = createSmtpTransport(smtp.url);
      // The instance "dies" right after the SMTP server accepted: the row is never marked sent.
      const dying = {
        sendMail: async (message: Parameters<typeof real.sendMail>[0]) => {
          await real.sendMail(message);
          throw new Error("process killed");
        },
      };
      await sendDueMail(db, dying as typeof real, config(), { backoffSeconds: () => 0 });
      await sendDueMail(db, real, config());
      const ids = (await parseAll(smtp.messages)).map((m) => m.messageId);
      expect(ids).toHaveLength(2);
      expect(ids[1]).toBe(ids[0]); // receivers drop the repeat by its Message-ID
      expect(await db.mailOutbox.findFirstOrThrow()).toMatchObject({ status: "SENT", attempts: 2 });
    },
  );

  it("sends each of 60 messages exactly once with four instances racing", async () => {
    for (let i = 0; i < 60; i++) await report(`Ticket ${i}`);
    const instances = Array.from({ length: 4 }, () => newClient(3));
    await Promise.all(
      instances.map((instanceDb) => runMailJob(instanceDb, config(), createSmtpTransport(smtp.url), { batch: 5 })),
    );
    const ids = (await parseAll(smtp.messages)).map((m) => m.messageId);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    expect(await db.mailOutbox.count({ where: { status: "SENT" } })).toBe(60);
    expect(await db.mailEvent.count({ where: { expandedAt: null } })).toBe(0);
  });

  it("loses nothing and sends nothing twice when the mail server stops mid-run and comes back", async () => {
    for (let i = 0; i < 30; i++) await report(`Outage ${i}`);
    await runMailJob(db, config(), null);
    const port = smtp.port;
    const transport = createSmtpTransport(smtp.url);
    // The first ten go out, then the server stops.
    await sendDueMail(db, transport, config(), { batch: 10, backoffSeconds: () => 0 });
    const delivered = [...smtp.messages];
    expect(delivered).toHaveLength(10);
    await smtp.stop();
    const during = await sendDueMail(db, transport, config(), { batch: 10, backoffSeconds: () => 0 });
    expect(during).toMatchObject({ sent: 0, retrying: 10 });
    expect(await db.mailOutbox.count({ where: { status: "PENDING" } })).toBe(20);
    // It comes back on the same port.
    smtp = await startCaptureSmtp({ port });
    smtp.messages.push(...delivered);
    await runMailJob(db, config(), transport, { backoffSeconds: () => 0 });
    const ids = (await parseAll(smtp.messages)).map((m) => m.messageId);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect(await db.mailOutbox.count({ where: { status: "SENT" } })).toBe(30);
  });
});
