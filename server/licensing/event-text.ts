import "server-only";
import type { LeaseEndReason, SeatEventType } from "../db/generated/enums";

/*
 * Seat events and lease ends in words, for the administrator's board and history. (The agent's
 * own wording, addressed to them, is releaseReasonText in release.ts.)
 */

/** Why a lease ended, in a few words: "released at 14:02 UTC (idle)". */
export const LEASE_END_WORDS: Record<LeaseEndReason, string> = {
  SIGN_OUT: "signed out or given back",
  CLOSED: "every console tab closed",
  IDLE: "idle",
  ADMIN: "ended by an administrator",
  LICENSE_REMOVED: "license removed",
  ACCOUNT_DISABLED: "account disabled",
  POOL_DELETED: "pool deleted",
};

/** The server's clock format for messages, as refusalMessage in checkout.ts: "14:02 UTC". */
export function utcClock(at: Date): string {
  return `${at.toISOString().slice(11, 16)} UTC`;
}

export type DescribableEvent = {
  type: SeatEventType;
  reason: string | null;
  actorName: string | null;
  actorId: string | null;
  details: unknown;
};

function note(details: unknown): string | null {
  if (details && typeof details === "object" && "note" in details && typeof details.note === "string")
    return details.note;
  return null;
}

function releaseText(event: DescribableEvent): string {
  const reason = event.reason as LeaseEndReason | null;
  if (reason === "ADMIN") {
    const who = event.actorName ?? "an administrator";
    const why = note(event.details);
    return `Ended by ${who}${why ? `: ${why}` : ""}`;
  }
  const byActor = event.actorId && event.actorName ? ` (by ${event.actorName})` : "";
  const words: Record<LeaseEndReason, string> = {
    SIGN_OUT: "Released: signed out or gave the seat back",
    CLOSED: "Released: every console tab was closed",
    IDLE: "Released after the idle timeout",
    ADMIN: "Ended by an administrator",
    LICENSE_REMOVED: "Released: the seat license was removed",
    ACCOUNT_DISABLED: "Released: the account was disabled",
    POOL_DELETED: "Released: the pool was deleted",
  };
  return reason && reason in words
    ? `${words[reason]}${byActor}`
    : `Released${event.reason ? `: ${event.reason}` : ""}${byActor}`;
}

/** One sentence per event for the history table; a seat a program took for its agent says through which account. */
export function describeSeatEvent(event: DescribableEvent): string {
  const text = describeEventItself(event);
  const details = event.details as { via?: unknown } | null;
  return details && typeof details.via === "string" ? `${text} (${details.via})` : text;
}

function describeEventItself(event: DescribableEvent): string {
  const reason = event.reason;
  switch (event.type) {
    case "GRANTED":
      if (reason === "named seat") return "Named seat in use";
      if (reason === "reservation claimed") return "Seat granted: claimed the seat reserved for them";
      if (reason === "seat free") return "Seat granted: a seat was free";
      return `Seat granted${reason ? `: ${reason}` : ""}`;
    case "REFUSED":
      return `Refused${reason ? `: ${reason}` : ""}`;
    case "RELEASED":
      return releaseText(event);
    case "QUEUED":
      return "Joined the waiting line";
    case "LEFT_QUEUE":
      return reason && reason in LEASE_END_WORDS
        ? `Left the waiting line (${LEASE_END_WORDS[reason as LeaseEndReason]})`
        : "Left the waiting line";
    case "RESERVED":
      return "A freed seat was reserved for them (first in line)";
    case "RESERVATION_EXPIRED":
      return "The reserved seat was not claimed in time and passed on";
    case "NUDGE":
      return "Asked the holders to release a seat";
    case "ADMIN_ACTION": {
      // e.g. "License removed by Ada Admin: moved to the night shift"
      const what = reason ? reason.charAt(0).toUpperCase() + reason.slice(1) : "Administrator action";
      const why = note(event.details);
      return `${what}${event.actorName ? ` by ${event.actorName}` : ""}${why ? `: ${why}` : ""}`;
    }
  }
}
