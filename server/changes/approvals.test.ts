import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createUser } from "@/test/factories";
import { console_, createGroupWith, refusal } from "@/test/tickets";
import { giveModuleLicenses } from "@/test/license";
import type { Db } from "@/server/db/client";
import type { ApprovalMode, ChangeKind } from "@/server/db/generated/enums";
import { changeCalendarInput, changePlanInput, MAX_PLAN_CHARS } from "@/lib/validation/changes";
import { decideApproval } from "./approvals";
import { createChange, moveChange, requestApprovalAgain, updateChangePlan } from "./workflow";
import { onApprovalRequested, type ApprovalRequested } from "./notify";

/*
 * Change approvals in all three modes, against a real database: who may decide, in which order, once;
 * a change is scheduled or implemented only when approved (an emergency after the fact); every
 * request and decision is in the ticket's history.
 */

let db: Db;
let newClient: (max?: number) => Db;
let agent: Awaited<ReturnType<typeof createNamedAgent>>;
beforeAll(async () => {
  ({ db, newClient } = await createTestDatabase());
  agent = await createNamedAgent(db);
  await giveModuleLicenses(db, [agent.id], ["change"]);
});

const manager = (name: string) => createUser(db, { name: `${name} ${Math.random().toString(36).slice(2, 6)}` });

async function policy(kind: ChangeKind, mode: ApprovalMode, approverIds: string[], groupId: string | null = null) {
  await db.changeApprovalPolicy.upsert({
    where: { kind },
    create: { kind, mode, approverIds, groupId },
    update: { mode, approverIds, groupId },
  });
}

/** A change of this kind with a planned window, moved to awaiting approval. */
async function changeAwaitingApproval(kind: ChangeKind = "NORMAL", by = agent) {
  const change = await createChange(db, console_(by), { title: `Patch the firewall (${kind})`, kind });
  const start = new Date(Date.now() + 86_400_000);
  await updateChangePlan(db, console_(by), {
    ticketId: change.id,
    plannedStart: start,
    plannedEnd: new Date(start.getTime() + 3_600_000),
    implementationPlan: "Apply the vendor patch",
    backoutPlan: "Restore the saved configuration",
    testPlan: "VPN sign-in from outside",
  });
  await moveChange(db, console_(by), { ticketId: change.id, to: "ASSESSMENT" });
  if (kind !== "EMERGENCY") await moveChange(db, console_(by), { ticketId: change.id, to: "AWAITING_APPROVAL" });
  return change;
}

const pendingOf = async (ticketId: string, approverId: string) =>
  (await db.changeApproval.findFirstOrThrow({ where: { ticketId, approverId }, orderBy: { round: "desc" } })).id;
const approve = (who: { id: string }, approvalId: string, comment?: string) =>
  decideApproval(db, who, { approvalId, decision: "APPROVED", comment });
const history = async (ticketId: string) =>
  (await db.ticketHistory.findMany({ where: { ticketId, field: "approval" }, orderBy: { id: "asc" } })).map(
    (h) => h.toValue,
  );
const schedule = (ticketId: string) => moveChange(db, console_(agent), { ticketId, to: "SCHEDULED" });

describe("any one approver", () => {
  it("the first approval approves; the others are no longer needed; then the agent schedules it", async () => {
    const [cfo, cto] = [await manager("CFO"), await manager("CTO")];
    await policy("NORMAL", "ANY", [cfo.id, cto.id]);
    const heard: ApprovalRequested[] = [];
    const stop = onApprovalRequested((e) => void heard.push(e));
    const change = await changeAwaitingApproval();
    stop();
    expect(heard).toEqual([expect.objectContaining({ ticketId: change.id, round: 1 })]);
    expect(heard[0]!.approvals).toHaveLength(2);
    // Each approver is mailed through the outbox, in the transaction that asked (server/mail/events.ts).
    const mailed = await db.mailEvent.findMany({ where: { kind: "approval.requested", ticketId: change.id } });
    expect(mailed).toHaveLength(1);
    expect((mailed[0]!.data as { approverIds: string[] }).approverIds.sort()).toEqual([cfo.id, cto.id].sort());

    expect((await refusal(schedule(change.id))).message).toBe(
      `${change.displayNumber} is not approved yet: it can be scheduled once its approvers have approved it.`,
    );
    expect(await approve(cto, await pendingOf(change.id, cto.id), "Fine by me")).toMatchObject({ outcome: "approved" });
    const late = await refusal(approve(cfo, await pendingOf(change.id, cfo.id)));
    expect(late).toMatchObject({ code: "CONFLICT", details: { approval: "withdrawn" } });
    await expect(schedule(change.id)).resolves.toMatchObject({ state: "SCHEDULED" });
    expect(await history(change.id)).toEqual([
      `Approval requested of any one approver: ${cfo.name}, ${cto.name}`,
      `Approved by ${cto.name}: Fine by me`,
      "The change is approved",
    ]);
  });
});

describe("every approver", () => {
  it("needs all of them; a second decision on a decided approval is told who decided first", async () => {
    const [a, b] = [await manager("Head of IT"), await manager("Security officer")];
    await policy("NORMAL", "ALL", [a.id, b.id]);
    const change = await changeAwaitingApproval();
    const aId = await pendingOf(change.id, a.id);
    expect(await approve(a, aId)).toMatchObject({ outcome: "pending" });
    expect((await refusal(schedule(change.id))).details).toEqual({ approval: "required" });
    const again = await refusal(decideApproval(db, a, { approvalId: aId, decision: "REJECTED" }));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toMatch(
      new RegExp(`^${a.name} already approved this on .* UTC: a decision is made once\\.$`),
    );
    expect(await approve(b, await pendingOf(change.id, b.id))).toMatchObject({ outcome: "approved" });
    await expect(schedule(change.id)).resolves.toMatchObject({ state: "SCHEDULED" });
  });

  it("two approvers deciding at the same moment both count", async () => {
    for (let round = 0; round < 3; round++) {
      const [a, b] = [await manager("A"), await manager("B")];
      await policy("NORMAL", "ALL", [a.id, b.id]);
      const change = await changeAwaitingApproval();
      const [aId, bId] = [await pendingOf(change.id, a.id), await pendingOf(change.id, b.id)];
      const results = await Promise.all([
        decideApproval(newClient(1), a, { approvalId: aId, decision: "APPROVED" }),
        decideApproval(newClient(1), b, { approvalId: bId, decision: "APPROVED" }),
      ]);
      expect(results.map((r) => r.outcome).sort()).toEqual(["approved", "pending"]);
      expect((await db.changeRecord.findUniqueOrThrow({ where: { ticketId: change.id } })).approvedAt).not.toBeNull();
    }
  });

  it("an approver disabled mid-way decides nothing; asking again skips them", async () => {
    const [a, b] = [await manager("Keeps"), await manager("Leaves")];
    await policy("NORMAL", "ALL", [a.id, b.id]);
    const change = await changeAwaitingApproval();
    await approve(a, await pendingOf(change.id, a.id));
    await db.user.update({ where: { id: b.id }, data: { active: false } });
    expect((await refusal(approve(b, await pendingOf(change.id, b.id)))).message).toBe(
      "Your account is disabled: you cannot decide approvals.",
    );
    expect((await refusal(schedule(change.id))).details).toEqual({ approval: "required" });

    await requestApprovalAgain(db, console_(agent), change.id);
    expect((await history(change.id)).at(-1)).toBe(
      `Approval requested of every approver: ${a.name} (skipped, disabled: ${b.name})`,
    );
    expect(await approve(a, await pendingOf(change.id, a.id))).toMatchObject({ outcome: "approved" });
    await expect(schedule(change.id)).resolves.toMatchObject({ state: "SCHEDULED" });
  });
});

describe("in steps", () => {
  it("each step in turn (a group: any member); a rejection sends the change back to assessment", async () => {
    const head = await manager("Head of network");
    const [cabOne, cabTwo] = [await createNamedAgent(db), await createNamedAgent(db)];
    const cab = await createGroupWith(db, `CAB ${Date.now()}`, [cabOne, cabTwo]);
    await policy("NORMAL", "STEPS", [head.id], cab.id);
    const change = await changeAwaitingApproval();
    const cabApproval = (await db.changeApproval.findFirstOrThrow({ where: { ticketId: change.id, groupId: cab.id } }))
      .id;
    const early = await refusal(approve(cabOne, cabApproval));
    expect(early.message).toBe(
      `${change.displayNumber} is approved in steps, and step 1 has not decided yet: your turn comes after it.`,
    );
    expect(await approve(head, await pendingOf(change.id, head.id))).toMatchObject({ outcome: "pending" });
    const outsider = await manager("Not on the CAB");
    expect((await refusal(approve(outsider, cabApproval))).code).toBe("FORBIDDEN");
    expect(
      await decideApproval(db, cabTwo, {
        approvalId: cabApproval,
        decision: "REJECTED",
        comment: "Not in freeze week",
      }),
    ).toMatchObject({ outcome: "rejected" });
    expect((await db.changeRecord.findUniqueOrThrow({ where: { ticketId: change.id } })).state).toBe("ASSESSMENT");
    // The other member is told who decided for the group.
    expect((await refusal(approve(cabOne, cabApproval))).message).toMatch(
      new RegExp(`^${cabTwo.name} already rejected`),
    );
    expect((await history(change.id)).slice(-2)).toEqual([
      `Rejected by ${cabTwo.name}: Not in freeze week`,
      "The change is rejected",
    ]);
  });
});

describe("who may not approve", () => {
  it("an approver who wrote the change, or asked for it, is refused", async () => {
    const other = await manager("Other approver");
    const authorApprover = await createNamedAgent(db);
    await giveModuleLicenses(db, [authorApprover.id], ["change"]);
    await policy("NORMAL", "ANY", [authorApprover.id, other.id]);
    const change = await changeAwaitingApproval("NORMAL", authorApprover);
    const own = await refusal(approve(authorApprover, await pendingOf(change.id, authorApprover.id)));
    expect(own).toMatchObject({ code: "FORBIDDEN", details: { approval: "own-change" } });
    expect(own.message).toBe(`You wrote ${change.displayNumber}, so someone else must approve it.`);
    expect(await approve(other, await pendingOf(change.id, other.id))).toMatchObject({ outcome: "approved" });
  });

  it("nobody set to approve: asking for approval is refused with what to do", async () => {
    await db.changeApprovalPolicy.deleteMany({ where: { kind: "NORMAL" } });
    const change = await createChange(db, console_(agent), { title: "No approvers yet" });
    await moveChange(db, console_(agent), { ticketId: change.id, to: "ASSESSMENT" });
    expect(
      (await refusal(moveChange(db, console_(agent), { ticketId: change.id, to: "AWAITING_APPROVAL" }))).message,
    ).toMatch(/^Nobody approves normal changes yet: an administrator sets the approvers/);
    expect((await db.changeRecord.findUniqueOrThrow({ where: { ticketId: change.id } })).state).toBe("ASSESSMENT");
  });
});

describe("emergency and standard changes", () => {
  it("an emergency is implemented first, approved after the fact, and closed only then", async () => {
    const cio = await manager("CIO");
    await policy("EMERGENCY", "ANY", [cio.id]);
    const change = await changeAwaitingApproval("EMERGENCY");
    await moveChange(db, console_(agent), { ticketId: change.id, to: "IMPLEMENTING" });
    const approval = await db.changeApproval.findFirstOrThrow({ where: { ticketId: change.id, approverId: cio.id } });
    expect(approval.afterTheFact).toBe(true);
    await moveChange(db, console_(agent), { ticketId: change.id, to: "REVIEW" });
    expect((await refusal(moveChange(db, console_(agent), { ticketId: change.id, to: "CLOSED" }))).details).toEqual({
      approval: "after-the-fact",
    });
    await approve(cio, approval.id, "Right call");
    await expect(moveChange(db, console_(agent), { ticketId: change.id, to: "CLOSED" })).resolves.toMatchObject({
      state: "CLOSED",
    });
    expect(await history(change.id)).toContain(`Approved after the fact by ${cio.name}: Right call`);
  });

  it("a standard change is pre-approved", async () => {
    const change = await createChange(db, console_(agent), { title: "Add a printer", kind: "STANDARD" });
    await updateChangePlan(db, console_(agent), {
      ticketId: change.id,
      plannedStart: new Date(Date.now() + 3_600_000),
      plannedEnd: new Date(Date.now() + 7_200_000),
    });
    await moveChange(db, console_(agent), { ticketId: change.id, to: "ASSESSMENT" });
    await expect(schedule(change.id)).resolves.toMatchObject({ state: "SCHEDULED" });
  });
});

describe("bad input", () => {
  it("a plan over the limit, and a calendar over a year, are told so on their field", () => {
    const long = changePlanInput.safeParse({ ticketId: "t", backoutPlan: "x".repeat(MAX_PLAN_CHARS + 1) });
    expect(long.error?.issues[0]).toMatchObject({
      path: ["backoutPlan"],
      message: "Keep the back-out plan to 20,000 characters or fewer",
    });
    const year = changeCalendarInput.safeParse({ from: "2027-01-01", to: "2028-01-03" });
    expect(year.error?.issues[0]).toMatchObject({ path: ["to"], message: "Show at most a year (366 days) at a time" });
    expect(changeCalendarInput.safeParse({ from: "2027-01-01", to: "2027-12-31" }).success).toBe(true);
  });

  it("a scheduled change's plan is fixed", async () => {
    const change = await createChange(db, console_(agent), { title: "Fixed plan", kind: "STANDARD" });
    await updateChangePlan(db, console_(agent), {
      ticketId: change.id,
      plannedStart: new Date(Date.now() + 3_600_000),
      plannedEnd: new Date(Date.now() + 7_200_000),
    });
    await moveChange(db, console_(agent), { ticketId: change.id, to: "ASSESSMENT" });
    await schedule(change.id);
    expect(
      (await refusal(updateChangePlan(db, console_(agent), { ticketId: change.id, testPlan: "later" }))).message,
    ).toMatch(/is scheduled: its plan is fixed/);
  });
});
