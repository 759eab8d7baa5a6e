import "server-only";
import { inTransaction, type DbOrTx, type Tx } from "../db/transaction";
import { AppError } from "../errors";
import type { ApprovalMode, ChangeKind } from "../db/generated/enums";
import { formatWhen } from "@/lib/date-time";
import { decideApprovalInput, type DecideApprovalInput } from "@/lib/validation/changes";
import { approvalRequested } from "./notify";
import { changeRef, lockChange, recordChangeHistory, type LockedChange } from "./records";

/*
 * Approvals of changes. Per change kind an administrator says who approves (people, in order, and/or
 * a group such as the change advisory board, any one member deciding for it) and how:
 * - ANY: the first decision decides the change;
 * - ALL: every approver approves; one rejection rejects;
 * - STEPS: one after another, in order; a rejection at any step rejects.
 * Approvers need no seat and no agent license (they decide from the portal). Nobody decides on a
 * change they wrote or asked for; a disabled person decides nothing (their pending approvals stay
 * pending, shown as blocked, and requesting approval again skips them). Each approval is decided
 * once: a second decision is told who decided first. Every request and decision is in the ticket's
 * history. Requesting approval again (after a rejection, or with a blocked approver) withdraws
 * what was pending and starts a new round from the policy as it is now.
 */

const MODE_TEXT: Record<ApprovalMode, string> = {
  ANY: "any one approver",
  ALL: "every approver",
  STEPS: "approvers one after another",
};

type Slot = { approverId: string | null; groupId: string | null; step: number };

/** The approvals a new round asks for, from the kind's policy; disabled people are skipped. */
async function slotsFor(tx: Tx, kind: ChangeKind): Promise<{ mode: ApprovalMode; slots: Slot[]; skipped: string[] }> {
  const policy = await tx.changeApprovalPolicy.findUnique({ where: { kind } });
  const ids = policy?.approverIds ?? [];
  const people = ids.length
    ? await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, active: true } })
    : [];
  const active = ids.filter((id) => people.find((p) => p.id === id)?.active);
  const skipped = people.filter((p) => !p.active).map((p) => p.name);
  const parties: Omit<Slot, "step">[] = [
    ...active.map((approverId) => ({ approverId, groupId: null })),
    ...(policy?.groupId ? [{ approverId: null, groupId: policy.groupId }] : []),
  ];
  const mode = policy?.mode ?? "ANY";
  return { mode, slots: parties.map((p, i) => ({ ...p, step: mode === "STEPS" ? i : 0 })), skipped };
}

/**
 * Starts a new approval round for a change (withdrawing what was pending). Refused when nobody is
 * set to approve this kind of change. `afterTheFact`: an emergency change already under way.
 */
export async function requestApproval(
  tx: Tx,
  change: LockedChange,
  actorId: string,
  options: { afterTheFact?: boolean } = {},
): Promise<{ round: number }> {
  const { mode, slots, skipped } = await slotsFor(tx, change.kind);
  if (slots.length === 0)
    throw new AppError(
      "PRECONDITION_FAILED",
      `Nobody approves ${change.kind.toLowerCase()} changes ` +
        `yet${skipped.length ? ` (${skipped.join(", ")}: disabled)` : ""}: an administrator sets the approvers ` +
        `under Administration, Change approvals.`,
      { approval: "no-approvers" },
    );
  await tx.changeApproval.updateMany({
    where: { ticketId: change.ticketId, state: "PENDING" },
    data: { state: "WITHDRAWN" },
  });
  const round = change.approvalRound + 1;
  await tx.changeApproval.createMany({
    data: slots.map((s) => ({ ticketId: change.ticketId, round, ...s, afterTheFact: options.afterTheFact ?? false })),
  });
  await tx.changeRecord.update({
    where: { ticketId: change.ticketId },
    data: { approvalRound: round, approvalMode: mode, approvedAt: null },
  });
  const names = await partyNames(tx, slots);
  await recordChangeHistory(tx, change.ticketId, actorId, [
    {
      field: "approval",
      to:
        `${options.afterTheFact ? "Approval after the fact" : "Approval"} requested ` +
        `of ${MODE_TEXT[mode]}: ${names.join(mode === "STEPS" ? " → " : ", ")}` +
        (skipped.length ? ` (skipped, disabled: ${skipped.join(", ")})` : ""),
    },
  ]);
  const waiting = await tx.changeApproval.findMany({
    where: { ticketId: change.ticketId, round, step: 0 },
    select: { id: true, approverId: true, groupId: true },
  });
  await approvalRequested(tx, actorId, {
    ticketId: change.ticketId,
    round,
    afterTheFact: options.afterTheFact ?? false,
    approvals: waiting,
  });
  return { round };
}

async function partyNames(tx: Tx, slots: Omit<Slot, "step">[]): Promise<string[]> {
  const [people, groups] = await Promise.all([
    tx.user.findMany({
      where: { id: { in: slots.flatMap((s) => (s.approverId ? [s.approverId] : [])) } },
      select: { id: true, name: true },
    }),
    tx.group.findMany({
      where: { id: { in: slots.flatMap((s) => (s.groupId ? [s.groupId] : [])) } },
      select: { id: true, name: true },
    }),
  ]);
  return slots.map((s) =>
    s.approverId
      ? (people.find((p) => p.id === s.approverId)?.name ?? "someone")
      : `any member of ${groups.find((g) => g.id === s.groupId)?.name ?? "a group"}`,
  );
}

export type ApprovalOutcome = "approved" | "rejected" | "pending";

export type DecisionResult = { outcome: ApprovalOutcome; ticketId: string; displayNumber: string };

/**
 * An approver's decision, with a comment. Refused: not theirs to decide, their own change, a later
 * step before an earlier one, or an approval already decided (saying who decided, and when).
 */
export async function decideApproval(
  db: DbOrTx,
  decider: { id: string },
  rawInput: DecideApprovalInput,
): Promise<DecisionResult> {
  const input = decideApprovalInput.parse(rawInput);
  return inTransaction(db, async (tx) => {
    const target = await tx.changeApproval.findUnique({ where: { id: input.approvalId }, select: { ticketId: true } });
    if (!target) throw new AppError("NOT_FOUND", "This approval was not found.");
    // The change first (every decision on one change takes its turn), then the approval.
    const change = await lockChange(tx, target.ticketId);
    const approval = (await tx.changeApproval.findUnique({ where: { id: input.approvalId } }))!;
    const person = await tx.user.findUnique({ where: { id: decider.id }, select: { name: true, active: true } });
    if (!person?.active) throw new AppError("FORBIDDEN", "Your account is disabled: you cannot decide approvals.");
    if (!(await mayDecide(tx, approval, decider.id)))
      throw new AppError("FORBIDDEN", `You are not an approver of ${changeRef(change)}.`);
    if (approval.state !== "PENDING") throw await alreadyDecided(tx, approval, change);
    if (decider.id === change.authorId || decider.id === change.requesterId)
      throw new AppError(
        "FORBIDDEN",
        `You ${decider.id === change.authorId ? "wrote" : "asked for"} ${changeRef(change)}, so someone ` +
          `else must approve it.`,
        { approval: "own-change" },
      );
    const earlier = await tx.changeApproval.findFirst({
      where: { ticketId: change.ticketId, round: approval.round, state: "PENDING", step: { lt: approval.step } },
      select: { step: true },
    });
    if (earlier)
      throw new AppError(
        "PRECONDITION_FAILED",
        `${changeRef(change)} is approved in steps, and step ${earlier.step + 1} has not decided yet: ` +
          `your turn comes after it.`,
        { approval: "not-your-turn" },
      );

    await tx.changeApproval.update({
      where: { id: approval.id },
      data: {
        state: input.decision,
        decidedById: decider.id,
        decidedByName: person.name,
        decidedAt: change.now,
        comment: input.comment || null,
      },
    });
    const outcome = await roundOutcome(tx, change.ticketId, approval.round);
    const word = input.decision === "APPROVED" ? "Approved" : "Rejected";
    const lines = [
      {
        field: "approval",
        to:
          `${word}${approval.afterTheFact ? " after the fact" : ""} ` +
          `by ${person.name}${input.comment ? `: ${input.comment}` : ""}`,
      },
    ];
    if (outcome !== "pending") {
      await tx.changeApproval.updateMany({
        where: { ticketId: change.ticketId, round: approval.round, state: "PENDING" },
        data: { state: "WITHDRAWN" },
      });
      if (outcome === "approved")
        await tx.changeRecord.update({ where: { ticketId: change.ticketId }, data: { approvedAt: change.now } });
      // A rejected change goes back to assessment (an emergency under way stays where it is).
      if (outcome === "rejected" && change.state === "AWAITING_APPROVAL") {
        await tx.changeRecord.update({ where: { ticketId: change.ticketId }, data: { state: "ASSESSMENT" } });
        lines.push({ field: "changeState", to: "ASSESSMENT" });
      }
      lines.push({
        field: "approval",
        to: outcome === "approved" ? "The change is approved" : "The change is rejected",
      });
    }
    await recordChangeHistory(tx, change.ticketId, decider.id, lines);
    return { outcome, ticketId: change.ticketId, displayNumber: changeRef(change) };
  });
}

async function mayDecide(tx: Tx, approval: { approverId: string | null; groupId: string | null }, userId: string) {
  if (approval.approverId) return approval.approverId === userId;
  if (!approval.groupId) return false;
  const member = await tx.groupMember.findUnique({
    where: { groupId_userId: { groupId: approval.groupId, userId } },
    select: { userId: true },
  });
  return Boolean(member);
}

async function alreadyDecided(
  tx: Tx,
  approval: { state: string; decidedByName: string | null; decidedAt: Date | null },
  change: LockedChange,
): Promise<AppError> {
  if (approval.state === "WITHDRAWN")
    return new AppError(
      "CONFLICT",
      `This approval of ${changeRef(change)} is no longer needed: the change was decided, or approval was asked again.`,
      { approval: "withdrawn" },
    );
  void tx;
  const word = approval.state === "APPROVED" ? "approved" : "rejected";
  return new AppError(
    "CONFLICT",
    `${approval.decidedByName ?? "Someone"} already ${word} this ` +
      `on ${approval.decidedAt ? formatWhen(approval.decidedAt, { timeZone: "UTC" }) + " UTC" : "an earlier date"}: ` +
      `a decision is made once.`,
    { approval: "decided", decidedBy: approval.decidedByName, decision: approval.state },
  );
}

/** Where a round stands, by its mode. */
export async function roundOutcome(tx: Tx, ticketId: string, round: number): Promise<ApprovalOutcome> {
  const [record, approvals] = await Promise.all([
    tx.changeRecord.findUniqueOrThrow({ where: { ticketId }, select: { approvalMode: true } }),
    tx.changeApproval.findMany({ where: { ticketId, round, state: { not: "WITHDRAWN" } }, select: { state: true } }),
  ]);
  if (approvals.some((a) => a.state === "REJECTED")) return "rejected";
  const approved = approvals.filter((a) => a.state === "APPROVED").length;
  if (record.approvalMode === "ANY") return approved > 0 ? "approved" : "pending";
  return approved === approvals.length && approved > 0 ? "approved" : "pending";
}
