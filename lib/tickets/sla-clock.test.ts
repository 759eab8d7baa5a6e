import { describe, expect, it } from "vitest";
import { clockTooltip, formatDuration, formatTarget, slaClocks, type SlaClockTicket } from "./sla-clock";

const now = new Date("2026-11-25T12:00:00Z");
const minutes = (m: number) => new Date(now.getTime() + m * 60_000);
const open = (over: Partial<SlaClockTicket> = {}): SlaClockTicket => ({
  status: "IN_PROGRESS",
  responseDueAt: minutes(90),
  resolutionDueAt: minutes(600),
  ...over,
});

describe("slaClocks", () => {
  it("running clocks: time left, and 'within the hour' when 60 minutes or less are left", () => {
    const { response, resolution } = slaClocks(open({ responseDueAt: minutes(45) }), now, {
      responseMinutes: 60,
      resolutionMinutes: 480,
      aroundTheClock: false,
    });
    expect(response).toMatchObject({
      phase: "running",
      remainingMs: 45 * 60_000,
      breached: false,
      breachingWithinHour: true,
      met: null,
      target: { minutes: 60, aroundTheClock: false },
    });
    expect(resolution).toMatchObject({
      phase: "running",
      remainingMs: 600 * 60_000,
      breachingWithinHour: false,
      breached: false,
      target: { minutes: 480 },
    });
  });

  it("a running clock past its due time is breached, by how much", () => {
    const { response } = slaClocks(open({ responseDueAt: minutes(-20) }), now);
    expect(response).toMatchObject({
      phase: "running",
      breached: true,
      overdueMs: 20 * 60_000,
      remainingMs: null,
      breachingWithinHour: false,
      target: null,
    });
  });

  it(
    "stopped clocks are met or missed: the response by the first reply (else the resolution), the " +
      "resolution by the resolution",
    () => {
      const onTime = slaClocks(
        open({ status: "RESOLVED", firstRespondedAt: minutes(80), resolvedAt: minutes(700) }),
        now,
      );
      expect(onTime.response).toMatchObject({ phase: "met", met: true, breached: false });
      expect(onTime.resolution).toMatchObject({ phase: "missed", met: false, breached: true, overdueMs: 100 * 60_000 });
      const silent = slaClocks(open({ status: "CLOSED", resolvedAt: minutes(30), closedAt: minutes(60) }), now);
      expect(silent.response).toMatchObject({ phase: "met", met: true });
      expect(silent.resolution).toMatchObject({ phase: "met", met: true });
    },
  );

  it("Pending: a clock with no due time is paused, a breached one stays breached", () => {
    const { response, resolution } = slaClocks(
      open({ status: "PENDING", responseDueAt: minutes(-5), resolutionDueAt: null }),
      now,
    );
    expect(resolution).toMatchObject({ phase: "paused", paused: true, breached: false, dueAt: null });
    expect(response).toMatchObject({ phase: "running", breached: true, paused: false });
  });

  it("a cancelled ticket's running clocks have no outcome; dates may come as strings (JSON)", () => {
    const { response, resolution } = slaClocks(
      open({
        status: "CANCELLED",
        firstRespondedAt: minutes(-30).toISOString(),
        responseDueAt: minutes(10).toISOString(),
      }),
      now,
    );
    expect(response).toMatchObject({ phase: "met", met: true });
    expect(resolution).toMatchObject({ phase: "cancelled", met: null, breached: false });
  });
});

describe("formatting", () => {
  it("durations and targets", () => {
    expect(formatDuration(45 * 60_000)).toBe("45m");
    expect(formatDuration(125 * 60_000)).toBe("2h 05m");
    expect(formatDuration(76 * 3_600_000)).toBe("3d 4h");
    expect(formatTarget({ minutes: 1800, aroundTheClock: false })).toBe("30h business hours");
    expect(formatTarget({ minutes: 15, aroundTheClock: true })).toBe("15m around the clock");
    expect(formatTarget({ minutes: 90, aroundTheClock: true })).toBe("1h 30m around the clock");
  });
});

describe("clockTooltip", () => {
  const target = { responseMinutes: 60, resolutionMinutes: 480, aroundTheClock: false };

  it("says a breach stays a breach on a breached clock, running or missed", () => {
    const { response } = slaClocks(open({ responseDueAt: minutes(-20) }), now, target);
    expect(clockTooltip(response)).toMatch(
      /^Response target: 1h business hours, due .+\. Breached: a breach stays a breach/,
    );
    expect(clockTooltip(response)).toContain("Pending does not pause this clock");
    const missed = slaClocks(open({ resolvedAt: minutes(0), resolutionDueAt: minutes(-5) }), now, target).resolution;
    expect(clockTooltip(missed)).toContain("a breach stays a breach");
  });

  it("says how Pending moves a running clock, and what a paused one will do", () => {
    const running = slaClocks(open(), now, target).resolution;
    expect(clockTooltip(running)).toContain("moves the due time later by the business time paused");
    expect(clockTooltip(running)).toContain("once breached it is no longer paused");
    const paused = slaClocks(open({ status: "PENDING", resolutionDueAt: null }), now, target).resolution;
    expect(clockTooltip(paused)).toBe(
      "Resolution target: 8h business hours. Paused while Pending: when the pause ends, the due time " +
        "moves later by the business time paused.",
    );
  });
});
