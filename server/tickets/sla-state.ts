import "server-only";
import { OPEN_STATUSES } from "@/lib/validation/tickets";

/** How close a ticket is to missing its SLA, as a queue row shows it. */
export type SlaState = "breached" | "due-soon" | "on-track" | "paused" | "none";

/** "Breaching soon" means due within this time (or already overdue). */
export const BREACHING_SOON_MS = 60 * 60 * 1000;

type SlaFields = {
  status: string;
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
  firstRespondedAt: Date | null;
};

/** The next deadline still running: the response (until someone answered), else the resolution. */
export function nextDueAt(t: SlaFields): Date | null {
  const response = t.firstRespondedAt ? null : t.responseDueAt;
  const times = [response, t.resolutionDueAt].filter((d): d is Date => d !== null);
  return times.length ? new Date(Math.min(...times.map((d) => d.getTime()))) : null;
}

/** `now` is the database clock, so every agent sees the same state. */
export function slaState(t: SlaFields, now: Date): { state: SlaState; dueAt: Date | null } {
  if (!(OPEN_STATUSES as readonly string[]).includes(t.status)) return { state: "none", dueAt: null };
  const dueAt = nextDueAt(t);
  // Pending pauses the clocks (no due time), except one already breached, which keeps running.
  if (!dueAt) return { state: t.status === "PENDING" ? "paused" : "none", dueAt: null };
  const left = dueAt.getTime() - now.getTime();
  return { state: left < 0 ? "breached" : left <= BREACHING_SOON_MS ? "due-soon" : "on-track", dueAt };
}
