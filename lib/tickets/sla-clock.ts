/*
 * The state of a ticket's two SLA clocks at a given moment, from the ticket's stored times.
 * Pure and client-safe (no server imports): the console renders it (components/tickets/sla-clocks.tsx)
 * and can tick `now` without asking the server.
 *
 * - The response clock stops at the first public reply by an agent (firstRespondedAt), or at the
 *   resolution if nobody replied first; the resolution clock stops at the resolution.
 * - While Pending a running clock is paused: its due time is null (see server/tickets/sla/due-times.ts).
 * - A cancelled ticket's clocks that had not stopped have no outcome ("cancelled").
 */

import { formatDue } from "@/lib/date-time";

type When = Date | string | null | undefined;

export type SlaClockTicket = {
  status: string;
  firstRespondedAt?: When;
  resolvedAt?: When;
  closedAt?: When;
  responseDueAt: When;
  resolutionDueAt: When;
};

export type SlaTargetMinutes = { responseMinutes: number; resolutionMinutes: number; aroundTheClock: boolean };

/** The targets a ticket runs under (copied onto it when opened or re-prioritised); null on older tickets. */
export function ticketSlaTarget(t: {
  slaResponseMinutes: number | null;
  slaResolutionMinutes: number | null;
  slaAroundTheClock: boolean | null;
}): SlaTargetMinutes | null {
  if (t.slaResponseMinutes === null || t.slaResolutionMinutes === null || t.slaAroundTheClock === null) return null;
  return {
    responseMinutes: t.slaResponseMinutes,
    resolutionMinutes: t.slaResolutionMinutes,
    aroundTheClock: t.slaAroundTheClock,
  };
}

export type ClockPhase = "running" | "paused" | "met" | "missed" | "cancelled" | "none";

export type SlaClockState = {
  kind: "response" | "resolution";
  /** The target in minutes and how it counts, when known. */
  target: { minutes: number; aroundTheClock: boolean } | null;
  dueAt: Date | null;
  phase: ClockPhase;
  /** Running and not yet due: wall time left until the due time. */
  remainingMs: number | null;
  /** Running past due, or stopped late: by how much. */
  overdueMs: number | null;
  paused: boolean;
  /** Stopped clocks: whether the response/resolution came in time; null while running. */
  met: boolean | null;
  breached: boolean;
  breachingWithinHour: boolean;
};

export type SlaClocks = { response: SlaClockState; resolution: SlaClockState };

const HOUR = 3_600_000;
const toDate = (w: When): Date | null => (w == null ? null : w instanceof Date ? w : new Date(w));

function clockState(
  kind: SlaClockState["kind"],
  dueAt: Date | null,
  stoppedAt: Date | null,
  ticket: SlaClockTicket,
  now: Date,
  target: SlaClockState["target"],
): SlaClockState {
  const base: SlaClockState = {
    kind,
    target,
    dueAt,
    phase: "none",
    remainingMs: null,
    overdueMs: null,
    paused: false,
    met: null,
    breached: false,
    breachingWithinHour: false,
  };
  if (stoppedAt) {
    if (!dueAt) return base;
    const late = stoppedAt.getTime() - dueAt.getTime();
    return {
      ...base,
      phase: late > 0 ? "missed" : "met",
      met: late <= 0,
      breached: late > 0,
      overdueMs: late > 0 ? late : null,
    };
  }
  if (ticket.status === "CANCELLED") return { ...base, phase: "cancelled" };
  if (!dueAt) return ticket.status === "PENDING" ? { ...base, phase: "paused", paused: true } : base;
  const left = dueAt.getTime() - now.getTime();
  // A clock that was already breached when the ticket went Pending keeps running (see server/tickets/sla/due-times.ts).
  if (left < 0) return { ...base, phase: "running", overdueMs: -left, breached: true };
  return { ...base, phase: "running", remainingMs: left, breachingWithinHour: left <= HOUR };
}

export function slaClocks(ticket: SlaClockTicket, now: Date, target?: SlaTargetMinutes | null): SlaClocks {
  const resolvedAt = toDate(ticket.resolvedAt);
  const respondedAt = toDate(ticket.firstRespondedAt) ?? resolvedAt;
  return {
    response: clockState(
      "response",
      toDate(ticket.responseDueAt),
      respondedAt,
      ticket,
      now,
      target ? { minutes: target.responseMinutes, aroundTheClock: target.aroundTheClock } : null,
    ),
    resolution: clockState(
      "resolution",
      toDate(ticket.resolutionDueAt),
      resolvedAt,
      ticket,
      now,
      target ? { minutes: target.resolutionMinutes, aroundTheClock: target.aroundTheClock } : null,
    ),
  };
}

const CLOCK_NAME = { response: "Response", resolution: "Resolution" } as const;

/**
 * The tooltip of a clock's badge: its target and due time, and what Pending does to it. The rules
 * are the README's ("SLAs") and due-times.ts's: a pause moves a running due time later by the
 * business time paused; a breached clock is not paused, so a breach stays a breach.
 */
export function clockTooltip(clock: SlaClockState): string {
  const target = clock.target ? `: ${formatTarget(clock.target)}` : "";
  const due = clock.dueAt ? `, due ${formatDue(clock.dueAt)}` : "";
  const head = `${CLOCK_NAME[clock.kind]} target${target}${due}.`;
  switch (clock.phase) {
    case "running":
      return clock.breached
        ? `${head} Breached: a breach stays a breach, so Pending does not pause this clock or move its due time.`
        : `${head} Pending pauses it and moves the due time later by the business time paused; once ` +
            `breached it is no longer paused.`;
    case "paused":
      return `${head} Paused while Pending: when the pause ends, the due time moves later by the business time paused.`;
    case "missed":
      return `${head} Missed: a breach stays a breach.`;
    default:
      return head;
  }
}

/** "45m", "2h 05m", "3d 4h": compact, for clocks and targets. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, "0")}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** A target in words, in hours (business days have no fixed length): "4h around the clock", "30h business hours". */
export function formatTarget(target: { minutes: number; aroundTheClock: boolean }): string {
  const h = Math.floor(target.minutes / 60);
  const m = target.minutes % 60;
  const length = h ? `${h}h${m ? ` ${String(m).padStart(2, "0")}m` : ""}` : `${m}m`;
  return `${length} ${target.aroundTheClock ? "around the clock" : "business hours"}`;
}
