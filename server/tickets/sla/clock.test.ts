import { describe, expect, it } from "vitest";
import { formatDuration, formatTarget, slaClocks, type SlaClockTicket } from "./clock";

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

  it("stopped clocks are met or missed: the response by the first reply (else the resolution), the resolution by the resolution", () => {
    const onTime = slaClocks(
      open({ status: "RESOLVED", firstRespondedAt: minutes(80), resolvedAt: minutes(700) }),
      now,
    );
    expect(onTime.response).toMatchObject({ phase: "met", met: true, breached: false });
    expect(onTime.resolution).toMatchObject({ phase: "missed", met: false, breached: true, overdueMs: 100 * 60_000 });
    const silent = slaClocks(open({ status: "CLOSED", resolvedAt: minutes(30), closedAt: minutes(60) }), now);
    expect(silent.response).toMatchObject({ phase: "met", met: true });
    expect(silent.resolution).toMatchObject({ phase: "met", met: true });
  });

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
