import type { Prisma } from "../../db/client";
import type { Priority, TicketStatus } from "../../db/generated/enums";
import type { DbOrTx } from "../../db/transaction";
import { addTargetMinutes, targetMinutesBetween, type BusinessCalendar, type ClockMode } from "./calendar";
import { loadCalendar, loadSlaTarget, type SlaTargetRow } from "./load-calendar";

/*
 * The due times of a ticket's two SLA clocks (response, resolution).
 *
 * Rules:
 * - Both count from createdAt, by the target of the ticket's priority, in business minutes of
 *   the calendar (or wall-clock minutes when the target is around the clock).
 * - Pending pauses a running clock: each Pending stretch moves the due time later by the
 *   business minutes (or wall minutes) it lasted. While Pending, the due time of a paused clock
 *   is null. A clock that had already stopped (response given) or was already breached when the
 *   ticket went Pending is not paused: it keeps its due time, so a breach stays a breach.
 * - A priority change recomputes both due times from createdAt with the new priority's target,
 *   the Pending stretches still excluded: as if the ticket had had that priority from the start
 *   (an upgrade to P1 may therefore be due, or breached, at once).
 * - Due times use the targets and calendar in force when they are computed: at creation, at a
 *   priority change and at the end of a Pending pause (the pauses are replayed from the history).
 * - Time spent Resolved before a reopen is not a pause: the resolution clock kept running.
 */

export type Pause = { from: Date; to: Date };
export type DueTimes = { responseDueAt: Date | null; resolutionDueAt: Date | null };

/** A clock's due time: start + minutes, moved later by each pause that caught it running. */
export function dueTime(
  start: Date,
  minutes: number,
  mode: ClockMode,
  calendar: BusinessCalendar,
  pauses: readonly Pause[],
  stoppedAt: Date | null = null,
): Date {
  let due = addTargetMinutes(start, minutes, mode, calendar);
  for (const pause of [...pauses].sort((a, b) => a.from.getTime() - b.from.getTime())) {
    if (pause.from.getTime() >= due.getTime()) continue; // breached before the pause
    if (stoppedAt && pause.from.getTime() >= stoppedAt.getTime()) continue; // the clock had stopped
    const paused = targetMinutesBetween(pause.from, pause.to, mode, calendar);
    if (paused > 0) due = addTargetMinutes(due, paused, mode, calendar);
  }
  return due;
}

export function computeDueTimes(
  createdAt: Date,
  target: SlaTargetRow,
  calendar: BusinessCalendar,
  pauses: readonly Pause[] = [],
  firstRespondedAt: Date | null = null,
): { responseDueAt: Date; resolutionDueAt: Date } {
  return {
    responseDueAt: dueTime(createdAt, target.responseMinutes, target, calendar, pauses, firstRespondedAt),
    resolutionDueAt: dueTime(createdAt, target.resolutionMinutes, target, calendar, pauses),
  };
}

/** What is stored while Pending: a running clock that is not yet breached is paused (null). */
export function dueTimesWhilePending(due: DueTimes, now: Date, firstRespondedAt: Date | null): DueTimes {
  const keep = (d: Date | null, stopped: boolean) => (d && (stopped || d.getTime() <= now.getTime()) ? d : null);
  return {
    responseDueAt: keep(due.responseDueAt, firstRespondedAt !== null),
    resolutionDueAt: keep(due.resolutionDueAt, false),
  };
}

/** Due times for a new ticket. */
export async function dueTimesForNewTicket(db: DbOrTx, priority: Priority, createdAt: Date): Promise<DueTimes> {
  return computeDueTimes(createdAt, await loadSlaTarget(db, priority), await loadCalendar(db));
}

/** The Pending stretches of a ticket, from its status history, plus the ongoing one up to `now`. */
export async function loadPauses(db: DbOrTx, ticketId: string, pendingSince: Date | null, now: Date): Promise<Pause[]> {
  const rows = await db.ticketHistory.findMany({
    where: { ticketId, field: "status" },
    orderBy: [{ version: "asc" }, { id: "asc" }],
    select: { fromValue: true, toValue: true, at: true },
  });
  const pauses: Pause[] = [];
  let from: Date | null = null;
  for (const row of rows) {
    if (row.toValue === "PENDING") from = row.at;
    else if (row.fromValue === "PENDING" && from) {
      pauses.push({ from, to: row.at });
      from = null;
    }
  }
  if (pendingSince) pauses.push({ from: pendingSince, to: now });
  return pauses;
}

export type SlaTicketState = {
  id: string;
  createdAt: Date;
  status: TicketStatus;
  priority: Priority;
  pendingSince: Date | null;
  firstRespondedAt: Date | null;
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
};

/**
 * The due-time fields an edit must also write, given what it changes (status, priority) at the
 * database time `now`; {} when the clocks are unaffected. Call before history of this edit is written.
 */
export async function dueTimeChanges(
  db: DbOrTx,
  current: SlaTicketState,
  next: { status: TicketStatus; priority: Priority },
  now: Date,
): Promise<Partial<DueTimes>> {
  const wasPending = current.status === "PENDING";
  const isPending = next.status === "PENDING";
  const priorityChanged = next.priority !== current.priority;
  const missing = !wasPending && (current.responseDueAt === null || current.resolutionDueAt === null);
  if (!priorityChanged && wasPending === isPending && !missing) return {};

  let due: DueTimes = { responseDueAt: current.responseDueAt, resolutionDueAt: current.resolutionDueAt };
  if (priorityChanged || wasPending || missing) {
    const pauses = await loadPauses(db, current.id, wasPending ? current.pendingSince : null, now);
    due = computeDueTimes(
      current.createdAt,
      await loadSlaTarget(db, next.priority),
      await loadCalendar(db),
      pauses,
      current.firstRespondedAt,
    );
  }
  if (isPending) due = dueTimesWhilePending(due, now, current.firstRespondedAt);
  const changes: Partial<DueTimes> = {};
  if (due.responseDueAt?.getTime() !== current.responseDueAt?.getTime()) changes.responseDueAt = due.responseDueAt;
  if (due.resolutionDueAt?.getTime() !== current.resolutionDueAt?.getTime())
    changes.resolutionDueAt = due.resolutionDueAt;
  return changes satisfies Partial<Prisma.TicketUncheckedUpdateInput>;
}
