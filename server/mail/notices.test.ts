import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { createTestDatabase } from "@/test/db";
import { createPool, createPoolMembers, createUser, signIn } from "@/test/factories";
import { addressesOf, parseAll, testMailConfig } from "@/test/mail";
import { callerFor } from "@/test/trpc";
import { console_, createAgent, createGroupWith, portal } from "@/test/tickets";
import { startCaptureSmtp } from "@/scripts/lib/capture-smtp";
import { checkoutSeat } from "../licensing/checkout";
import { adminEndLease } from "../licensing/board";
import { joinWaitingLine } from "../licensing/waiting-line";
import { autoCloseResolved } from "../tickets/auto-close";
import { createTicket } from "../tickets/create-ticket";
import { updateTicket } from "../tickets/update-ticket";
import { recordApprovalRequestedMail } from "./events";
import { runMailJob } from "./job";
import { createSmtpTransport } from "./send";
import { giveModuleLicenses } from "@/test/license";

/*
 * Who is told what beyond a ticket's conversation: the seat line, an administrator ending a seat,
 * tickets about to breach (once), the automatic close, the approvals seam, and each person's
 * settings through the portal's procedures.
 */

let db: Db;
let smtp: Awaited<ReturnType<typeof startCaptureSmtp>>;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  smtp = await startCaptureSmtp();
});
afterAll(async () => smtp.stop());
beforeEach(() => {
  smtp.messages.length = 0;
});

const run = () => runMailJob(db, testMailConfig(smtp.url), createSmtpTransport(smtp.url));
const mailTo = async (email: string) => (await parseAll(smtp.messages)).filter((m) => addressesOf(m).includes(email));

describe("the seat line", () => {
  it("tells the first in line that a seat is reserved for them, with until when", async () => {
    const pool = await createPool(db, { size: 1, name: "Specialists" });
    const [holder, waiting] = await createPoolMembers(db, pool.id, 2);
    const granted = await checkoutSeat(db, { userId: holder!.id });
    expect(granted.status).toBe("granted");
    await joinWaitingLine(db, waiting!.id);
    await run();
    expect(await mailTo(waiting!.email)).toEqual([]);
    const admin = await createUser(db, { role: "ADMIN", name: "Ada Admin" });
    await adminEndLease(db, {
      leaseId: (granted as { leaseId: bigint }).leaseId,
      actorId: admin.id,
      note: "Needed for the on-call engineer",
    });
    await run();
    const [reserved] = await mailTo(waiting!.email);
    expect(reserved!.subject).toBe("A seat is reserved for you (Specialists)");
    expect(reserved!.text).toMatch(/reserved for you until \w{3} \d+ \w{3}, \d\d:\d\d \(UTC\)/);
    const [ended] = await mailTo(holder!.email);
    expect(ended!.subject).toBe("Your seat was ended by an administrator");
    expect(ended!.text).toContain("Ada Admin ended your seat.");
    expect(ended!.text).toContain("Reason: Needed for the on-call engineer");
  });
});

describe("tickets", () => {
  it("warns the assignee once of a ticket breaching within the hour, however often the job runs", async () => {
    const requester = await createUser(db);
    const agent = await createAgent(db, "Bea Breach");
    await createGroupWith(db, "Service Desk", [agent]);
    const t = await createTicket(db, console_(agent), {
      title: "Payroll export fails",
      impact: 1,
      urgency: 1,
      requesterId: requester.id,
      assigneeId: agent.id,
    });
    await db.ticket.update({ where: { id: t.id }, data: { resolutionDueAt: new Date(Date.now() + 30 * 60_000) } });
    await run();
    await run();
    await run();
    expect((await mailTo(agent.email)).map((m) => m.subject)).toEqual([
      `[${t.displayNumber}] Breaching within the hour: Payroll export fails`,
    ]);
  });

  it("tells the requester when a resolved ticket closes by itself", async () => {
    const requester = await createUser(db);
    const agent = await createAgent(db);
    await db.groupMember.create({ data: { groupId: (await db.group.findFirstOrThrow()).id, userId: agent.id } });
    const t = await createTicket(db, portal(requester), { title: "Mouse broken", impact: 3, urgency: 3 });
    await updateTicket(db, console_(agent), {
      id: t.id,
      expectedVersion: 1,
      changes: { assigneeId: agent.id, status: "RESOLVED" },
    });
    await db.ticket.update({ where: { id: t.id }, data: { resolvedAt: new Date(Date.now() - 30 * 86_400_000) } });
    expect(await autoCloseResolved(db)).toBeGreaterThanOrEqual(1);
    await run();
    expect((await mailTo(requester.email)).map((m) => m.subject)).toEqual([
      `[${t.displayNumber}] We received your request: Mouse broken`,
      `[${t.displayNumber}] Resolved: Mouse broken`,
      `[${t.displayNumber}] Closed: Mouse broken`,
    ]);
  });

  it("mails each approver when change management asks for approval (the seam)", async () => {
    const agent = await createAgent(db, "Carl Change");
    const approver = await createAgent(db, "Ann Approver");
    await giveModuleLicenses(db, [agent.id]); // works change tickets
    const t = await createTicket(db, console_(agent), {
      type: "CHANGE",
      title: "Upgrade the core switch",
      impact: 2,
      urgency: 2,
    });
    await recordApprovalRequestedMail(db, { ticketId: t.id, requestedById: agent.id, approverIds: [approver.id] });
    await run();
    const [mail] = await mailTo(approver.email);
    expect(mail!.subject).toBe(`[${t.displayNumber}] Your approval is requested: Upgrade the core switch`);
    expect(mail!.text).toContain("Carl Change asks for your approval");
    expect(mail!.text).toContain(`https://desk.test/console/tickets/${t.displayNumber}`);
  });
});

describe("mail settings (portalMailSettings)", () => {
  it("shows the defaults, saves what was changed, and the next notice follows it", async () => {
    const person = await createUser(db);
    const caller = callerFor(db, await signIn(db, person.id));
    const before = await caller.portalMailSettings.get();
    expect(before).toMatchObject({ agent: false, preferences: { requesterReceived: true, agentGroupReceived: false } });
    const saved = await caller.portalMailSettings.save({ requesterReceived: false });
    expect(saved.preferences).toMatchObject({ requesterReceived: false, requesterReplies: true });
    await createTicket(db, portal(person), { title: "Quiet please", impact: 3, urgency: 3 });
    await run();
    expect(await mailTo(person.email)).toEqual([]);
  });

  it("refuses a setting that is not a yes or no", async () => {
    const person = await createUser(db);
    const caller = callerFor(db, await signIn(db, person.id));
    await expect(
      caller.portalMailSettings.save({ requesterReceived: "maybe" as unknown as boolean }),
    ).rejects.toThrow();
  });
});
