import "server-only";
import { inTransaction, type DbOrTx } from "../db/transaction";
import { AppError } from "../errors";
import type { TicketActor } from "../tickets/actor";
import { createTicket } from "../tickets/create-ticket";
import {
  CHANGE_NEXT,
  CHANGE_STATE_LABEL,
  changePlanInput,
  createChangeInput,
  moveChangeInput,
  type ChangePlanInput,
  type CreateChangeInput,
  type MoveChangeInput,
} from "@/lib/validation/changes";
import { requestApproval, roundOutcome } from "./approvals";
import { assertMayWorkTicketType } from "../licensing/modules/ticket-modules";
import { changeRef, lockChange, recordChangeHistory } from "./records";

/*
 * A change's life: Draft → Assessment → Awaiting approval → Scheduled → Implementing → Review →
 * Closed (or Cancelled before it is implemented). Rules:
 * - moving to Awaiting approval requests approval from the kind's approvers;
 * - a normal change is scheduled and implemented only once approved; a standard change is
 *   pre-approved (it skips approval);
 * - an emergency change may be scheduled and implemented before approval: starting to implement
 *   it unapproved asks for approval after the fact, and it cannot be closed until that is given;
 * - scheduling needs a planned start and end.
 * The callers are module doors (moduleProcedure("change")): a seat and the change license.
 */

const NEXT = CHANGE_NEXT;

export async function createChange(db: DbOrTx, actor: TicketActor, rawInput: CreateChangeInput) {
  const input = createChangeInput.parse(rawInput);
  return inTransaction(db, async (tx) => {
    const ticket = await createTicket(tx, actor, {
      type: "CHANGE",
      title: input.title,
      description: input.description,
    });
    await tx.changeRecord.create({ data: { ticketId: ticket.id, authorId: actor.id, kind: input.kind } });
    return ticket;
  });
}

/**
 * Starts tracking a change ticket opened without its change record (from the new-ticket form, or
 * before change management existed): a draft written by whoever starts it. Already tracked: as is.
 */
export async function startChangeRecord(db: DbOrTx, actor: TicketActor, ticketId: string) {
  return inTransaction(db, async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId }, select: { type: true } });
    if (!ticket) throw new AppError("NOT_FOUND", "This ticket was not found.");
    if (ticket.type !== "CHANGE") throw new AppError("BAD_REQUEST", "Only a change ticket has a change plan.");
    await assertMayWorkTicketType(tx, actor, "CHANGE");
    await tx.changeRecord.createMany({ data: [{ ticketId, authorId: actor.id }], skipDuplicates: true });
    return tx.changeRecord.findUniqueOrThrow({ where: { ticketId } });
  });
}

/** Kind, risk, the planned window and the three plans; only while the change is being prepared. */
export async function updateChangePlan(db: DbOrTx, actor: TicketActor, rawInput: ChangePlanInput) {
  const input = changePlanInput.parse(rawInput);
  return inTransaction(db, async (tx) => {
    const change = await lockChange(tx, input.ticketId);
    if (!["DRAFT", "ASSESSMENT"].includes(change.state))
      throw new AppError(
        "PRECONDITION_FAILED",
        `${changeRef(change)} is ${CHANGE_STATE_LABEL[change.state].toLowerCase()}: its plan is fixed. ` +
          `Move it back to assessment to change it (approval is then asked again).`,
      );
    const changes = {
      kind: input.kind,
      risk: input.risk,
      plannedStart: input.plannedStart,
      plannedEnd: input.plannedEnd,
      implementationPlan: input.implementationPlan,
      backoutPlan: input.backoutPlan,
      testPlan: input.testPlan,
    };
    const before = await tx.changeRecord.findUniqueOrThrow({ where: { ticketId: input.ticketId } });
    const start = changes.plannedStart === undefined ? before.plannedStart : changes.plannedStart;
    const end = changes.plannedEnd === undefined ? before.plannedEnd : changes.plannedEnd;
    if (start && end && end <= start)
      throw new AppError("BAD_REQUEST", "The planned end must be after the planned start", undefined, "plannedEnd");
    const updated = await tx.changeRecord.update({ where: { ticketId: input.ticketId }, data: changes });
    const lines = (Object.keys(changes) as (keyof typeof changes)[])
      .filter((k) => changes[k] !== undefined)
      .filter((k) => String(before[k] ?? "") !== String(updated[k] ?? ""))
      .map((k) => ({ field: `change.${k}`, from: text(before[k]), to: text(updated[k]) }));
    await recordChangeHistory(tx, input.ticketId, actor.id, lines);
    return updated;
  });
}

const text = (v: unknown) =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v).slice(0, 500);

export async function moveChange(db: DbOrTx, actor: TicketActor, rawInput: MoveChangeInput) {
  const input = moveChangeInput.parse(rawInput);
  return inTransaction(db, async (tx) => {
    const change = await lockChange(tx, input.ticketId);
    const ref = changeRef(change);
    const from = change.state;
    const to = input.to;
    if (!NEXT[from].includes(to))
      throw new AppError(
        "PRECONDITION_FAILED",
        `${ref} is ${CHANGE_STATE_LABEL[from].toLowerCase()}: it can go ` +
          `to ${NEXT[from].map((s) => CHANGE_STATE_LABEL[s].toLowerCase()).join(", ") || "nothing else"}, ` +
          `not ${CHANGE_STATE_LABEL[to].toLowerCase()}.`,
        undefined,
        "to",
      );
    const approved = change.kind === "STANDARD" || Boolean(change.approvedAt);
    if ((to === "SCHEDULED" || to === "IMPLEMENTING") && !approved && change.kind !== "EMERGENCY")
      throw new AppError(
        "PRECONDITION_FAILED",
        `${ref} is not approved yet: it can be ${to === "SCHEDULED" ? "scheduled" : "implemented"} once ` +
          `its approvers have approved it.`,
        { approval: "required" },
        "to",
      );
    if (to === "SCHEDULED" && (!change.plannedStart || !change.plannedEnd))
      throw new AppError(
        "BAD_REQUEST",
        `Plan when ${ref} starts and ends before scheduling it.`,
        undefined,
        "plannedStart",
      );
    if (to === "CLOSED" && change.kind === "EMERGENCY" && !change.approvedAt)
      throw new AppError(
        "PRECONDITION_FAILED",
        `${ref} was an emergency change: it is closed once its approvers have approved it after the fact.`,
        { approval: "after-the-fact" },
        "to",
      );

    await tx.changeRecord.update({ where: { ticketId: change.ticketId }, data: { state: to } });
    await recordChangeHistory(tx, change.ticketId, actor.id, [
      { field: "changeState", from, to },
      ...(input.note ? [{ field: "note", to: input.note }] : []),
    ]);
    if (to === "AWAITING_APPROVAL" && change.kind !== "STANDARD") await requestApproval(tx, change, actor.id);
    if (to === "IMPLEMENTING" && change.kind === "EMERGENCY" && !change.approvedAt) {
      const pending =
        change.approvalRound > 0 && (await roundOutcome(tx, change.ticketId, change.approvalRound)) === "pending";
      if (!pending) await requestApproval(tx, change, actor.id, { afterTheFact: true });
    }
    // Back to assessment: the plan may change, so what was approved no longer holds.
    if (to === "ASSESSMENT" && (change.approvedAt || from === "AWAITING_APPROVAL")) {
      await tx.changeApproval.updateMany({
        where: { ticketId: change.ticketId, state: "PENDING" },
        data: { state: "WITHDRAWN" },
      });
      await tx.changeRecord.update({ where: { ticketId: change.ticketId }, data: { approvedAt: null } });
    }
    return { ticketId: change.ticketId, state: to };
  });
}

/** Asks approval again (after a rejection, or when an approver was disabled): a new round. */
export async function requestApprovalAgain(db: DbOrTx, actor: TicketActor, ticketId: string) {
  return inTransaction(db, async (tx) => {
    const change = await lockChange(tx, ticketId);
    if (change.state !== "AWAITING_APPROVAL" && !(change.kind === "EMERGENCY" && !change.approvedAt))
      throw new AppError(
        "PRECONDITION_FAILED",
        `${changeRef(change)} is not waiting for approval: move it to awaiting approval instead.`,
      );
    return requestApproval(tx, change, actor.id, {
      afterTheFact: change.kind === "EMERGENCY" && change.state !== "AWAITING_APPROVAL",
    });
  });
}
