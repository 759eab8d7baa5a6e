import "server-only";
import type { Prisma } from "../../db/client";
import type { Priority, TicketStatus } from "../../db/generated/enums";
import type { DbOrTx } from "../../db/transaction";
import { addTargetMinutes, targetMinutesBetween, type BusinessCalendar, type ClockMode } from "./business-calendar";
import { loadCalendar, loadSlaTarget, type SlaTargetRow } from "./load-calendar";
import { ticketSlaTarget } from "../../../lib/tickets/sla-clock";

/*
 * The due times of a ticket's two SLA clocks (response, resolution).
 *
 * Rules (the README's "SLAs" says the same):
 * - Both count from createdAt, by the target of the ticket's priority, in business minutes of
 *   the calendar (or wall-clock minutes when the target is around the clock).
 * - A ticket keeps the targets it was opened under: they are copied onto it (slaResponseMinutes,
 *   slaResolutionMinutes, slaAroundTheClock) at creation and at each priority change. A change of
 *   the targets or of the calendar applies to tickets opened or re-prioritised from then on (and a
 *   calendar change to the length of the pauses that end from then on); due times already set are
 *   never recomputed because the settings changed.
 * - Pending pauses a running clock: its due time is null while Pending and the due time it had is
 *   kept (pausedResponseDueAt, pausedResolutionDueAt). The pause ends by moving that due time later
 *   by exactly the business minutes (or wall minutes) paused, measured in the calendar in force at
 *   the end. So a pause never moves a deadline earlier. (A ticket paused before the kept due times
 *   existed is replayed from its creation with its stored targets, once.)
 * - A clock that had already stopped (response given) or was already breached when the ticket went
 *   Pending is not paused: it keeps its due time, so a breach stays a breach.
 * - A priority change recomputes both due times from createdAt with the new priority's target and
 *   the calendar in force, the Pending stretches (from the history) still excluded: as if the
 *   ticket had had that priority from the start (an upgrade to P1 may therefore be due, or
 *   breached, at once).
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

/** Whether a clock with this due time was running at `at`: not yet due, and not stopped by then. */
function runningAt(due: Date | null, stoppedAt: Date | null, at: Date): due is Date {
  return due !== null && due.getTime() > at.getTime() && (stoppedAt === null || stoppedAt.getTime() > at.getTime());
}

export type PausedDueTimes = { pausedResponseDueAt: Date | null; pausedResolutionDueAt: Date | null };

/**
 * What is stored while Pending, from each clock's due time at the pause's start: a running clock is
 * paused (its due time null, kept aside); one already breached or stopped keeps its due time (a
 * breach stays a breach).
 */
export function pauseClocks(due: DueTimes, pauseStart: Date, firstRespondedAt: Date | null): DueTimes & PausedDueTimes {
  const response = runningAt(due.responseDueAt, firstRespondedAt, pauseStart);
  const resolution = runningAt(due.resolutionDueAt, null, pauseStart);
  return {
    responseDueAt: response ? null : due.responseDueAt,
    resolutionDueAt: resolution ? null : due.resolutionDueAt,
    pausedResponseDueAt: response ? due.responseDueAt : null,
    pausedResolutionDueAt: resolution ? due.resolutionDueAt : null,
  };
}

/**
 * The end of a pause: each clock that was running at its start (a reply during the pause does not
 * change that) moves later by exactly the business minutes paused; the others keep their due time.
 */
export function resumeClocks(
  due: DueTimes,
  pause: Pause,
  firstRespondedAt: Date | null,
  mode: ClockMode,
  calendar: BusinessCalendar,
): DueTimes & PausedDueTimes {
  const paused = targetMinutesBetween(pause.from, pause.to, mode, calendar);
  const move = (d: Date | null, stoppedAt: Date | null) =>
    runningAt(d, stoppedAt, pause.from) && paused > 0 ? addTargetMinutes(d, paused, mode, calendar) : d;
  return {
    responseDueAt: move(due.responseDueAt, firstRespondedAt),
    resolutionDueAt: move(due.resolutionDueAt, null),
    pausedResponseDueAt: null,
    pausedResolutionDueAt: null,
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

/** What a ticket stores for its clocks besides the due times (see the rules above). */
export type SlaClockFields = DueTimes & {
  pausedResponseDueAt: Date | null;
  pausedResolutionDueAt: Date | null;
  slaResponseMinutes: number | null;
  slaResolutionMinutes: number | null;
  slaAroundTheClock: boolean | null;
};

/** The ticket columns dueTimeChanges reads, for the caller's select. */
export const slaClockSelect = {
  id: true,
  createdAt: true,
  status: true,
  priority: true,
  pendingSince: true,
  firstRespondedAt: true,
  responseDueAt: true,
  resolutionDueAt: true,
  pausedResponseDueAt: true,
  pausedResolutionDueAt: true,
  slaResponseMinutes: true,
  slaResolutionMinutes: true,
  slaAroundTheClock: true,
} as const satisfies Prisma.TicketSelect;

export type SlaTicketState = SlaClockFields & {
  id: string;
  createdAt: Date;
  status: TicketStatus;
  priority: Priority;
  pendingSince: Date | null;
  firstRespondedAt: Date | null;
};

/** The targets stored on the ticket, or null for a ticket from before they were stored. */
function storedTarget(t: SlaTicketState): SlaTargetRow | null {
  const target = ticketSlaTarget(t);
  return target && { priority: t.priority, ...target };
}

/**
 * The clock fields an edit must also write, given what it changes (status, priority) at the
 * database time `now`; {} when the clocks are unaffected. Call before history of this edit is written.
 */
export async function dueTimeChanges(
  db: DbOrTx,
  current: SlaTicketState,
  next: { status: TicketStatus; priority: Priority },
  now: Date,
): Promise<Partial<SlaClockFields>> {
  const wasPending = current.status === "PENDING";
  const isPending = next.status === "PENDING";
  const priorityChanged = next.priority !== current.priority;
  const missing = !wasPending && (current.responseDueAt === null || current.resolutionDueAt === null);
  if (!priorityChanged && wasPending === isPending && !missing) return {};

  const calendar = await loadCalendar(db);
  // The ongoing pause began here (or begins now): a clock running at this instant is (or gets) paused.
  const pauseStart = wasPending ? (current.pendingSince ?? now) : now;
  // A paused clock has neither a due time nor a kept one only on tickets paused before the kept
  // due times existed: those are replayed from the creation once, as they were then.
  const lostPause =
    wasPending &&
    ((current.responseDueAt === null && current.pausedResponseDueAt === null) ||
      (current.resolutionDueAt === null && current.pausedResolutionDueAt === null));

  let target = storedTarget(current);
  // Each clock's due time as of pauseStart, the ongoing pause not counted.
  let base: DueTimes;
  if (priorityChanged || missing || lostPause) {
    if (priorityChanged || !target) target = await loadSlaTarget(db, next.priority);
    const pauses = await loadPauses(db, current.id, null, now); // the ended pauses only
    base = computeDueTimes(current.createdAt, target, calendar, pauses, current.firstRespondedAt);
  } else {
    base = {
      responseDueAt: current.responseDueAt ?? current.pausedResponseDueAt,
      resolutionDueAt: current.resolutionDueAt ?? current.pausedResolutionDueAt,
    };
  }
  const clocks = isPending
    ? pauseClocks(base, pauseStart, current.firstRespondedAt)
    : wasPending
      ? resumeClocks(
          base,
          { from: pauseStart, to: now },
          current.firstRespondedAt,
          target ?? (await loadSlaTarget(db, next.priority)),
          calendar,
        )
      : { ...base, pausedResponseDueAt: null, pausedResolutionDueAt: null };

  const wanted: SlaClockFields = {
    ...clocks,
    slaResponseMinutes: target?.responseMinutes ?? current.slaResponseMinutes,
    slaResolutionMinutes: target?.resolutionMinutes ?? current.slaResolutionMinutes,
    slaAroundTheClock: target?.aroundTheClock ?? current.slaAroundTheClock,
  };
  const changes: Partial<SlaClockFields> = {};
  for (const key of Object.keys(wanted) as (keyof SlaClockFields)[]) {
    const a = wanted[key];
    const b = current[key];
    const same = a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
    if (!same) Object.assign(changes, { [key]: a });
  }
  return changes satisfies Partial<Prisma.TicketUncheckedUpdateInput>;
}
