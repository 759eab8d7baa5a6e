import { beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createTestDatabase } from "@/test/db";
import { createUser, signIn } from "@/test/factories";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import type { ValidSession } from "@/server/auth/auth-sessions";
import { DEFAULT_PRIORITY_MATRIX } from "@/server/tickets/priority";
import { loadCalendar } from "@/server/tickets/sla/load-calendar";
import { createTicket } from "@/server/tickets/create-ticket";
import { portal } from "@/test/tickets";
import { adminServiceLevelsRouter } from "./admin-service-levels";

/*
 * Service-level administration: administrators only; bad input is refused with the message on
 * the field it concerns; saves change what the SLA clock reads (the calendar cache included).
 */

let db: Db;
let admin: ValidSession;
let agent: ValidSession;
let endUser: ValidSession;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  admin = await signIn(db, (await createUser(db, { role: "ADMIN" })).id);
  agent = await signIn(db, (await createUser(db, { role: "AGENT" })).id);
  endUser = await signIn(db, (await createUser(db)).id);
});

type Caller = ReturnType<typeof callerFor>["adminServiceLevels"];
const as = (session: ValidSession) => callerFor(db, session).adminServiceLevels;

const targets = {
  P1: { responseMinutes: 15, resolutionMinutes: 240, aroundTheClock: true },
  P2: { responseMinutes: 60, resolutionMinutes: 480, aroundTheClock: false },
  P3: { responseMinutes: 240, resolutionMinutes: 1800, aroundTheClock: false },
  P4: { responseMinutes: 480, resolutionMinutes: 3000, aroundTheClock: false },
};
const week = (overrides: Record<number, Partial<{ open: boolean; openTime: string; closeTime: string }>> = {}) =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    weekday,
    open: weekday <= 5,
    openTime: "08:00",
    closeTime: "18:00",
    ...overrides[weekday],
  }));

/** The error a call fails with (the test fails when it succeeds). */
async function refused(promise: Promise<unknown>): Promise<TRPCError & { fieldErrors: Record<string, string[]> }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const cause = (error as TRPCError).cause as
    { issues?: { path: (string | number)[]; message: string }[]; field?: string; message: string } | undefined;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of cause?.issues ?? []) (fieldErrors[issue.path.join(".")] ??= []).push(issue.message);
  if (cause?.field) fieldErrors[cause.field] = [cause.message];
  return Object.assign(error as TRPCError, { fieldErrors });
}

const calls: Record<keyof typeof adminServiceLevelsRouter._def.procedures, (c: Caller) => Promise<unknown>> = {
  get: (c) => c.get(),
  saveTargets: (c) => c.saveTargets({ targets }),
  saveBusinessHours: (c) => c.saveBusinessHours({ days: week() }),
  saveSettings: (c) => c.saveSettings({ autoCloseDays: 7, timeZone: "UTC" }),
  holidays: (c) => c.holidays({ year: 2026 }),
  addHoliday: (c) => c.addHoliday({ date: "2030-01-01", name: "New Year's Day" }),
  removeHoliday: (c) => c.removeHoliday({ date: "2030-01-01" }),
  getPriorityMatrix: (c) => c.getPriorityMatrix(),
  savePriorityMatrix: (c) => c.savePriorityMatrix({ cells: DEFAULT_PRIORITY_MATRIX }),
};

describe("adminServiceLevels: who may call", () => {
  it("refuses agents and end users on every procedure, lets administrators through", async () => {
    for (const [name, call] of Object.entries(calls)) {
      for (const session of [agent, endUser]) expect((await refused(call(as(session)))).code, name).toBe("FORBIDDEN");
      await expect(call(as(admin)), name).resolves.not.toThrow();
    }
  });
});

describe("adminServiceLevels: targets", () => {
  it("reads the seeded defaults and saves a change", async () => {
    expect((await as(admin).get()).targets).toEqual(targets);
    const saved = await as(admin).saveTargets({
      targets: { ...targets, P2: { responseMinutes: 30, resolutionMinutes: 360, aroundTheClock: true } },
    });
    expect(saved.targets.P2).toEqual({ responseMinutes: 30, resolutionMinutes: 360, aroundTheClock: true });
    expect(await db.slaTarget.findUnique({ where: { priority: "P2" } })).toMatchObject({
      responseMinutes: 30,
      resolutionMinutes: 360,
      aroundTheClock: true,
    });
    await as(admin).saveTargets({ targets });
  });

  it("refuses negative or zero minutes, and a resolution shorter than the response, on the field", async () => {
    const negative = await refused(
      as(admin).saveTargets({ targets: { ...targets, P3: { ...targets.P3, responseMinutes: -5 } } }),
    );
    expect(negative.code).toBe("BAD_REQUEST");
    expect(negative.fieldErrors["targets.P3.responseMinutes"]).toEqual(["The response target is at least 1 minute"]);
    const shorter = await refused(
      as(admin).saveTargets({
        targets: { ...targets, P4: { ...targets.P4, responseMinutes: 600, resolutionMinutes: 120 } },
      }),
    );
    expect(shorter.fieldErrors["targets.P4.resolutionMinutes"]).toEqual([
      "P4: resolving (120 min) cannot take less time than the first response (600 min)",
    ]);
    expect((await db.slaTarget.findUnique({ where: { priority: "P4" } }))?.responseMinutes).toBe(480);
  });
});

describe("adminServiceLevels: which tickets a change of targets reaches", () => {
  it("counts the open tickets per priority, which keep their targets and due times through a save", async () => {
    const requester = await createUser(db);
    const open = await createTicket(db, portal(requester), { title: "Printer jams", impact: 3, urgency: 3 });
    const resolved = await createTicket(db, portal(requester), { title: "Old printer", impact: 3, urgency: 3 });
    await db.ticket.update({ where: { id: resolved.id }, data: { status: "RESOLVED", resolvedAt: new Date() } });
    const before = await as(admin).get();
    expect(before.openTickets).toEqual({ P1: 0, P2: 0, P3: 0, P4: 1 });

    const was = await db.ticket.findUniqueOrThrow({ where: { id: open.id } });
    await as(admin).saveTargets({ targets: { ...targets, P4: { ...targets.P4, responseMinutes: 60 } } });
    const kept = await db.ticket.findUniqueOrThrow({ where: { id: open.id } });
    expect(kept).toMatchObject({
      slaResponseMinutes: 480,
      slaResolutionMinutes: 3000,
      responseDueAt: was.responseDueAt,
      resolutionDueAt: was.resolutionDueAt,
    });
    const fresh = await createTicket(db, portal(requester), { title: "New printer", impact: 3, urgency: 3 });
    expect(await db.ticket.findUniqueOrThrow({ where: { id: fresh.id } })).toMatchObject({ slaResponseMinutes: 60 });
    expect((await as(admin).get()).openTickets.P4).toBe(2);
    await as(admin).saveTargets({ targets });
  });
});

describe("adminServiceLevels: business hours, holidays, settings", () => {
  it("saves the week and the SLA calendar follows at once (cache dropped)", async () => {
    expect((await loadCalendar(db)).hours).toHaveLength(5);
    const saved = await as(admin).saveBusinessHours({
      days: week({ 5: { closeTime: "16:00" }, 6: { open: true, openTime: "09:00", closeTime: "13:00" } }),
    });
    expect(saved.days[5]).toEqual({ weekday: 6, open: true, openTime: "09:00", closeTime: "13:00" });
    expect(saved.days[6]).toMatchObject({ weekday: 7, open: false });
    const calendar = await loadCalendar(db);
    expect(calendar.hours).toContainEqual({ weekday: 6, openMinute: 540, closeMinute: 780 });
    expect(calendar.hours).toContainEqual({ weekday: 5, openMinute: 480, closeMinute: 960 });
  });

  it("refuses a day that closes when or before it opens, and a week with no open day", async () => {
    const backwards = await refused(
      as(admin).saveBusinessHours({ days: week({ 2: { openTime: "18:00", closeTime: "08:00" } }) }),
    );
    expect(backwards.fieldErrors["days.1.closeTime"]).toEqual([
      "Tuesday closes (08:00) before or when it opens (18:00): close later than you open",
    ]);
    const same = await refused(
      as(admin).saveBusinessHours({ days: week({ 3: { openTime: "09:00", closeTime: "09:00" } }) }),
    );
    expect(same.fieldErrors["days.2.closeTime"]).toHaveLength(1);
    const closed = await refused(
      as(admin).saveBusinessHours({ days: week(Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, { open: false }]))) }),
    );
    expect(closed.fieldErrors["days"]?.[0]).toMatch(/Open on at least one day/);
    const badTime = await refused(as(admin).saveBusinessHours({ days: week({ 1: { openTime: "25:00" } }) }));
    expect(badTime.fieldErrors["days.0.openTime"]).toEqual(["Use a time like 08:00 (24-hour clock)"]);
  });

  it("adds, lists by year and removes holidays; a date twice is refused on the date field", async () => {
    await as(admin).addHoliday({ date: "2026-12-25", name: "Christmas Day" });
    await as(admin).addHoliday({ date: "2026-12-24", name: "Christmas Eve" });
    await as(admin).addHoliday({ date: "2027-01-01", name: "New Year's Day" });
    expect((await as(admin).holidays({ year: 2026 })).holidays).toEqual([
      { date: "2026-12-24", name: "Christmas Eve" },
      { date: "2026-12-25", name: "Christmas Day" },
    ]);
    expect((await loadCalendar(db)).holidays).toEqual(["2026-12-24", "2026-12-25", "2027-01-01"]);
    const twice = await refused(as(admin).addHoliday({ date: "2026-12-25", name: "Xmas" }));
    expect(twice.code).toBe("CONFLICT");
    expect(twice.fieldErrors["date"]).toEqual(["25 December 2026 is already a holiday (Christmas Day)."]);
    expect((await refused(as(admin).addHoliday({ date: "2026-02-30", name: "Nope" }))).fieldErrors["date"]).toEqual([
      "That date does not exist",
    ]);
    await as(admin).removeHoliday({ date: "2026-12-24" });
    expect((await loadCalendar(db)).holidays).toEqual(["2026-12-25", "2027-01-01"]);
    expect((await refused(as(admin).removeHoliday({ date: "2026-12-24" }))).code).toBe("NOT_FOUND");
  });

  it("saves auto-close days and the time zone; refuses an unknown zone and days out of range", async () => {
    const saved = await as(admin).saveSettings({ autoCloseDays: 10, timeZone: "Europe/Berlin" });
    expect(saved.settings).toEqual({ autoCloseDays: 10, timeZone: "Europe/Berlin" });
    expect((await loadCalendar(db)).timeZone).toBe("Europe/Berlin");
    const zone = await refused(as(admin).saveSettings({ autoCloseDays: 10, timeZone: "Mars/Olympus" }));
    expect(zone.code).toBe("BAD_REQUEST");
    expect(zone.fieldErrors["timeZone"]?.[0]).toMatch(/not a time zone we know/);
    const days = await refused(as(admin).saveSettings({ autoCloseDays: 0, timeZone: "UTC" }));
    expect(days.fieldErrors["autoCloseDays"]).toEqual(["Resolved tickets close after at least 1 day"]);
    expect((await db.ticketSettings.findUnique({ where: { id: 1 } }))?.timeZone).toBe("Europe/Berlin");
  });
});

describe("adminServiceLevels: priority matrix", () => {
  it("reads and saves the matrix, refusing a less severe cell ranked higher", async () => {
    expect(await as(admin).getPriorityMatrix()).toEqual(DEFAULT_PRIORITY_MATRIX);
    const saved = await as(admin).savePriorityMatrix({ cells: { ...DEFAULT_PRIORITY_MATRIX, "2x3": "P3" } });
    expect(saved["2x3"]).toBe("P3");
    const bad = await refused(as(admin).savePriorityMatrix({ cells: { ...DEFAULT_PRIORITY_MATRIX, "3x3": "P1" } }));
    expect(bad.code).toBe("BAD_REQUEST");
  });
});
