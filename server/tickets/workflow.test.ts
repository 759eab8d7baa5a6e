import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { assertTransition, statusTimes, transitionRefusal } from "./workflow";

const now = new Date("2026-11-25T12:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

describe("ticket workflow", () => {
  it.each([
    ["NEW", "ASSIGNED"],
    ["NEW", "IN_PROGRESS"],
    ["NEW", "RESOLVED"],
    ["NEW", "CANCELLED"],
    ["ASSIGNED", "IN_PROGRESS"],
    ["IN_PROGRESS", "PENDING"],
    ["PENDING", "IN_PROGRESS"],
    ["IN_PROGRESS", "RESOLVED"],
    ["RESOLVED", "CLOSED"],
    ["RESOLVED", "IN_PROGRESS"],
  ] as const)("lets an agent move %s -> %s", (from, to) => {
    expect(transitionRefusal({ from, to, by: "agent" })).toBeNull();
  });

  it("refuses closing a ticket that is not resolved, saying what to do instead", () => {
    expect(transitionRefusal({ from: "NEW", to: "CLOSED", by: "agent" })).toBe(
      "A ticket that is New cannot be closed: resolve it first (or cancel it if it is not needed).",
    );
    expect(transitionRefusal({ from: "PENDING", to: "CLOSED", by: "agent" })).toMatch(/Pending cannot be closed/);
  });

  it("refuses reopening a closed ticket, and any change to a cancelled one", () => {
    expect(transitionRefusal({ from: "CLOSED", to: "IN_PROGRESS", by: "agent" })).toBe(
      "This ticket is closed and cannot be reopened. Open a new ticket and mention this one.",
    );
    expect(
      transitionRefusal({ from: "CLOSED", to: "IN_PROGRESS", by: "requester", resolvedAt: now, now, autoCloseDays: 7 }),
    ).toMatch(/closed and cannot be reopened/);
    expect(transitionRefusal({ from: "CANCELLED", to: "NEW", by: "agent" })).toMatch(/cancelled and cannot be changed/);
  });

  it("refuses moves that skip the workflow", () => {
    expect(transitionRefusal({ from: "RESOLVED", to: "PENDING", by: "agent" })).toBe(
      "A ticket cannot go from Resolved to Pending.",
    );
  });

  it("lets the requester confirm, withdraw, or reopen within the auto-close window only", () => {
    expect(transitionRefusal({ from: "RESOLVED", to: "CLOSED", by: "requester" })).toBeNull();
    expect(transitionRefusal({ from: "NEW", to: "CANCELLED", by: "requester" })).toBeNull();
    expect(
      transitionRefusal({
        from: "RESOLVED",
        to: "IN_PROGRESS",
        by: "requester",
        resolvedAt: daysAgo(6.9),
        now,
        autoCloseDays: 7,
      }),
    ).toBeNull();
    expect(
      transitionRefusal({
        from: "RESOLVED",
        to: "IN_PROGRESS",
        by: "requester",
        resolvedAt: daysAgo(7.1),
        now,
        autoCloseDays: 7,
      }),
    ).toBe(
      "This ticket was resolved more than 7 days ago and can no longer be reopened. Open a new ticket and " +
        "mention this one.",
    );
    expect(transitionRefusal({ from: "IN_PROGRESS", to: "RESOLVED", by: "requester" })).toMatch(
      /You can confirm a resolution, reopen a resolved ticket or withdraw a new one/,
    );
    expect(transitionRefusal({ from: "ASSIGNED", to: "CANCELLED", by: "requester" })).toMatch(/You can confirm/);
  });

  it("throws a BAD_REQUEST on the status field", () => {
    try {
      assertTransition({ from: "NEW", to: "CLOSED", by: "agent" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "BAD_REQUEST", field: "status", details: { from: "NEW", to: "CLOSED" } });
    }
  });

  it("dates the SLA pause and the endings", () => {
    const start = { resolvedAt: null, closedAt: null, pendingSince: null, pausedSeconds: 10 };
    const pending = statusTimes("IN_PROGRESS", "PENDING", start, now);
    expect(pending.pendingSince).toEqual(now);
    const later = new Date(now.getTime() + 90_500);
    const back = statusTimes("PENDING", "IN_PROGRESS", pending, later);
    expect(back).toEqual({ resolvedAt: null, closedAt: null, pendingSince: null, pausedSeconds: 100 });
    const resolved = statusTimes("IN_PROGRESS", "RESOLVED", back, later);
    expect(resolved.resolvedAt).toEqual(later);
    expect(statusTimes("RESOLVED", "IN_PROGRESS", resolved, later).resolvedAt).toBeNull();
    expect(statusTimes("RESOLVED", "CLOSED", resolved, later)).toMatchObject({ resolvedAt: later, closedAt: later });
  });
});
