import "server-only";
import type { TicketStatus } from "../db/generated/enums";
import { AppError } from "../errors";
import { TICKET_STATUS_LABEL } from "@/lib/validation/tickets";

/*
 * The status workflow. Agents move tickets along ALLOWED. Requesters (the portal) may only
 * confirm a resolution (Resolved -> Closed), reopen it within the auto-close window
 * (Resolved -> In progress) or withdraw a ticket nobody has picked up yet (New -> Cancelled).
 * Closed and Cancelled are final: work continues in a new ticket that mentions the old one.
 */

const ALLOWED: Record<TicketStatus, readonly TicketStatus[]> = {
  NEW: ["ASSIGNED", "IN_PROGRESS", "PENDING", "RESOLVED", "CANCELLED"],
  ASSIGNED: ["NEW", "IN_PROGRESS", "PENDING", "RESOLVED", "CANCELLED"],
  IN_PROGRESS: ["ASSIGNED", "PENDING", "RESOLVED", "CANCELLED"],
  PENDING: ["ASSIGNED", "IN_PROGRESS", "RESOLVED", "CANCELLED"],
  RESOLVED: ["IN_PROGRESS", "CLOSED"],
  CLOSED: [],
  CANCELLED: [],
};

const REQUESTER_ALLOWED: readonly `${TicketStatus}>${TicketStatus}`[] = [
  "RESOLVED>CLOSED",
  "RESOLVED>IN_PROGRESS",
  "NEW>CANCELLED",
];

export type TransitionContext = {
  from: TicketStatus;
  to: TicketStatus;
  by: "agent" | "requester";
  /** For a requester's reopen: when the ticket was resolved, the database's now, the window. */
  resolvedAt?: Date | null;
  now?: Date;
  autoCloseDays?: number;
};

const label = (s: TicketStatus) => TICKET_STATUS_LABEL[s];

/** null when the transition is allowed, else the reason, written for the person who asked. */
export function transitionRefusal(c: TransitionContext): string | null {
  if (c.from === c.to) return null;
  if (c.from === "CLOSED")
    return "This ticket is closed and cannot be reopened. Open a new ticket and mention this one.";
  if (c.from === "CANCELLED") return "This ticket was cancelled and cannot be changed. Open a new ticket instead.";
  if (c.to === "CLOSED" && c.from !== "RESOLVED") {
    return `A ticket that is ${label(c.from)} cannot be closed: resolve it first (or cancel it if it is not needed).`;
  }
  if (!ALLOWED[c.from].includes(c.to)) return `A ticket cannot go from ${label(c.from)} to ${label(c.to)}.`;
  if (c.by === "requester") {
    if (!REQUESTER_ALLOWED.includes(`${c.from}>${c.to}`)) {
      return (
        "You can confirm a resolution, reopen a resolved ticket or withdraw a new one. Add a reply " +
        "to tell us more."
      );
    }
    if (c.from === "RESOLVED" && c.to === "IN_PROGRESS" && c.resolvedAt && c.now && c.autoCloseDays !== undefined) {
      const deadline = c.resolvedAt.getTime() + c.autoCloseDays * 86_400_000;
      if (c.now.getTime() > deadline) {
        return (
          `This ticket was resolved more than ${c.autoCloseDays} days ago and can no longer be ` +
          `reopened. Open a new ticket and mention this one.`
        );
      }
    }
  }
  return null;
}

export function assertTransition(c: TransitionContext): void {
  const refusal = transitionRefusal(c);
  if (refusal) throw new AppError("BAD_REQUEST", refusal, { from: c.from, to: c.to }, "status");
}

export type StatusTimes = {
  resolvedAt: Date | null;
  closedAt: Date | null;
  pendingSince: Date | null;
  pausedSeconds: number;
};

/**
 * The timestamps a status change sets, for the SLA clocks: Pending pauses them (pendingSince,
 * then pausedSeconds grows by the whole seconds spent), Resolved and Closed date the ends, a
 * reopen clears the resolution.
 */
export function statusTimes(from: TicketStatus, to: TicketStatus, current: StatusTimes, now: Date): StatusTimes {
  const next: StatusTimes = {
    resolvedAt: current.resolvedAt,
    closedAt: current.closedAt,
    pendingSince: current.pendingSince,
    pausedSeconds: current.pausedSeconds,
  };
  if (from === to) return next;
  if (from === "PENDING" && current.pendingSince) {
    next.pausedSeconds += Math.max(0, Math.floor((now.getTime() - current.pendingSince.getTime()) / 1000));
    next.pendingSince = null;
  }
  if (to === "PENDING") next.pendingSince = now;
  if (to === "RESOLVED") next.resolvedAt = now;
  if (from === "RESOLVED" && to !== "CLOSED") next.resolvedAt = null;
  if (to === "CLOSED" || to === "CANCELLED") next.closedAt = now;
  return next;
}
