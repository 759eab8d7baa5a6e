import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { createTestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { console_, createAgent, createGroupWith, portal } from "@/test/tickets";
import { addComment } from "../add-comment";
import { createTicket } from "../create-ticket";
import { updateTicket } from "../update-ticket";
import { addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from "./business-calendar";
import { dueTime, pauseClocks, resumeClocks } from "./due-times";
import { invalidateCalendarCache, loadCalendar } from "./load-calendar";

/*
 * Due times through ticket creation and edits. The database's now() is real, so most tests run
 * on a calendar open around the clock every day (business minutes = wall minutes) and move
 * timestamps back in the database; the business-hours arithmetic itself is in calendar.test.ts.
 */

let db: Db;
let user: Awaited<ReturnType<typeof createUser>>;
let agent: Awaited<ReturnType<typeof createAgent>>;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  user = await createUser(db);
  agent = await createAgent(db, "Dana Desk");
  await createGroupWith(db, "Service Desk", [agent]);
});

const MIN = 60_000;
const row = (id: string) => db.ticket.findUniqueOrThrow({ where: { id } });
/** P4: 480 minutes to respond, 3000 to resolve, in business hours. */
const reportP4 = () => createTicket(db, portal(user), { title: "Printer jams", impact: 3, urgency: 3 });
const edit = async (id: string, changes: Parameters<typeof updateTicket>[2]["changes"]) =>
  updateTicket(db, console_(agent), { id, expectedVersion: (await row(id)).version, changes });
const minutesAfter = (later: Date | null, earlier: Date) => (later!.getTime() - earlier.getTime()) / MIN;

async function openAllDay() {
  await db.businessHours.deleteMany();
  await db.businessHours.createMany({
    data: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, openMinute: 0, closeMinute: 1440 })),
  });
  invalidateCalendarCache();
}

/** Moves the ticket's creation (and so its due times) `minutes` into the past. */
async function ageTicket(id: string, minutes: number) {
  await db.$executeRaw`update "Ticket" set "createdAt" = "createdAt" - make_interval(mins => ${minutes}),
    "responseDueAt" = "responseDueAt" - make_interval(mins => ${minutes}), "resolutionDueAt" = "resolutionDueAt"
      - make_interval(mins => ${minutes}) where "id" = ${id}`;
}

/** Makes the ongoing Pending stretch start `minutes` earlier (the ticket field and its history row). */
async function pendLonger(id: string, minutes: number) {
  await db.$executeRaw`update "Ticket" set "pendingSince" = "pendingSince" - make_interval(mins => ${minutes})
    where "id" = ${id}`;
  await db.$executeRaw`update "TicketHistory" set "at" = "at" - make_interval(mins => ${minutes})
    where "id" = (select max("id") from "TicketHistory" where "ticketId" = ${id} and "field" = 'status' and
      "toValue" = 'PENDING')`;
}

describe("due times at creation", () => {
  it("count the priority's targets in business hours from the creation (Mon-Fri 08:00-18:00)", async () => {
    invalidateCalendarCache();
    const t = await row((await reportP4()).id);
    const calendar = await loadCalendar(db);
    expect(calendar.hours).toHaveLength(5);
    expect(t.responseDueAt).toEqual(addBusinessMinutes(t.createdAt, 480, calendar));
    expect(t.resolutionDueAt).toEqual(addBusinessMinutes(t.createdAt, 3000, calendar));
    expect(t.resolutionDueAt!.getTime() - t.createdAt.getTime()).toBeGreaterThanOrEqual(3000 * MIN);
  });

  it("count P1 around the clock: 15 minutes and 4 hours of wall time", async () => {
    const t = await row(
      (await createTicket(db, portal(user), { title: "Everything is down", impact: 1, urgency: 1 })).id,
    );
    expect(t.priority).toBe("P1");
    expect(minutesAfter(t.responseDueAt, t.createdAt)).toBe(15);
    expect(minutesAfter(t.resolutionDueAt, t.createdAt)).toBe(240);
  });
});

describe("Pending pauses the clocks", () => {
  beforeAll(openAllDay);

  it("clears running due times while Pending and moves them later by the pause on resuming", async () => {
    const { id } = await reportP4();
    await ageTicket(id, 100);
    await edit(id, { status: "PENDING" });
    expect(await row(id)).toMatchObject({ status: "PENDING", responseDueAt: null, resolutionDueAt: null });

    await pendLonger(id, 90);
    await edit(id, { status: "IN_PROGRESS" });
    const t = await row(id);
    expect(t.pausedSeconds).toBeGreaterThanOrEqual(90 * 60);
    // Due = created + target + the time paused (to the millisecond the pause ended).
    const pausedMinutes = minutesAfter(t.responseDueAt, t.createdAt) - 480;
    expect(pausedMinutes).toBeGreaterThanOrEqual(90);
    expect(pausedMinutes).toBeLessThan(91);
    expect(minutesAfter(t.resolutionDueAt, t.createdAt) - 3000).toBeCloseTo(pausedMinutes, 6);

    // A second pause adds to the first: both are replayed from the history.
    await edit(id, { status: "PENDING" });
    await pendLonger(id, 30);
    await edit(id, { status: "IN_PROGRESS" });
    const again = await row(id);
    const totalPaused = minutesAfter(again.responseDueAt, again.createdAt) - 480;
    expect(totalPaused).toBeGreaterThanOrEqual(120);
    expect(totalPaused).toBeLessThan(121.5);
    expect(again.pausedSeconds).toBeGreaterThanOrEqual(120 * 60);
  });

  it("keeps a due time that was already breached when the ticket went Pending: a breach stays a breach", async () => {
    const { id } = await reportP4();
    await ageTicket(id, 490); // response was due 10 minutes ago
    const before = await row(id);
    await edit(id, { status: "PENDING" });
    const pending = await row(id);
    expect(pending.responseDueAt).toEqual(before.responseDueAt);
    expect(pending.resolutionDueAt).toBeNull();
    await pendLonger(id, 5); // paused 5 minutes ago, after the breach
    await edit(id, { status: "IN_PROGRESS" });
    const after = await row(id);
    expect(after.responseDueAt).toEqual(before.responseDueAt);
    expect(minutesAfter(after.resolutionDueAt, before.resolutionDueAt!)).toBeGreaterThanOrEqual(5);
  });

  it("does not pause a response clock that already stopped (the agent replied)", async () => {
    const { id } = await reportP4();
    await addComment(db, console_(agent), { ticketId: id, body: "Which printer?", internal: false });
    const responded = await row(id);
    expect(responded.firstRespondedAt).not.toBeNull();
    await db.$executeRaw`update "Ticket" set "firstRespondedAt" = "firstRespondedAt" - interval '60 minutes'
      where "id" = ${id}`;
    await edit(id, { status: "PENDING" });
    expect(await row(id)).toMatchObject({ responseDueAt: responded.responseDueAt, resolutionDueAt: null });
    await pendLonger(id, 45);
    await edit(id, { status: "IN_PROGRESS" });
    const after = await row(id);
    expect(after.responseDueAt).toEqual(responded.responseDueAt);
    expect(minutesAfter(after.resolutionDueAt, responded.resolutionDueAt!)).toBeGreaterThanOrEqual(45);
  });
});

describe("a priority change", () => {
  beforeAll(openAllDay);

  it("recomputes both due times from the creation with the new target, pauses still excluded", async () => {
    const { id } = await reportP4();
    await edit(id, { status: "PENDING" });
    await pendLonger(id, 60);
    await edit(id, { status: "IN_PROGRESS" });
    const paused = (await row(id)).pausedSeconds;
    await edit(id, { impact: 1, urgency: 1 });
    const t = await row(id);
    expect(t.priority).toBe("P1");
    expect(minutesAfter(t.responseDueAt, t.createdAt) - 15).toBeCloseTo(paused / 60, 0);
    expect(minutesAfter(t.resolutionDueAt, t.createdAt) - 240).toBeCloseTo(paused / 60, 0);
  });

  it("while Pending keeps the clocks paused, and the resume uses the new priority", async () => {
    const { id } = await reportP4();
    await edit(id, { status: "PENDING" });
    await edit(id, { impact: 2, urgency: 2 });
    expect(await row(id)).toMatchObject({ priority: "P3", responseDueAt: null, resolutionDueAt: null });
    await edit(id, { status: "IN_PROGRESS" });
    const t = await row(id);
    expect(minutesAfter(t.responseDueAt, t.createdAt)).toBeGreaterThanOrEqual(240);
    expect(minutesAfter(t.responseDueAt, t.createdAt)).toBeLessThan(241);
    expect(minutesAfter(t.resolutionDueAt, t.createdAt)).toBeLessThan(1801);
  });
});

/*
 * Issue 18: a ticket keeps the targets it was opened (or last re-prioritised) under, and a pause
 * ends by moving each running due time later by the business time paused, never by recomputing
 * from the creation with the settings in force at the resume.
 */
describe("a settings change and a pause", () => {
  beforeAll(openAllDay);

  async function withP4Targets(
    targets: { responseMinutes: number; resolutionMinutes: number },
    body: () => Promise<void>,
  ) {
    await db.slaTarget.update({ where: { priority: "P4" }, data: targets });
    try {
      await body();
    } finally {
      await db.slaTarget.update({ where: { priority: "P4" }, data: { responseMinutes: 480, resolutionMinutes: 3000 } });
    }
  }

  it("a pause never moves a deadline earlier: P4 targets halved after opening, then a 5-second pause", async () => {
    const { id } = await reportP4();
    const before = await row(id);
    await withP4Targets({ responseMinutes: 240, resolutionMinutes: 1500 }, async () => {
      await edit(id, { status: "PENDING" });
      await edit(id, { status: "IN_PROGRESS" });
    });
    const after = await row(id);
    // Later by the time paused (milliseconds here), never earlier.
    expect(after.responseDueAt!.getTime()).toBeGreaterThanOrEqual(before.responseDueAt!.getTime());
    expect(after.resolutionDueAt!.getTime()).toBeGreaterThanOrEqual(before.resolutionDueAt!.getTime());
    expect(minutesAfter(after.responseDueAt, before.responseDueAt!)).toBeLessThan(1);
    expect(minutesAfter(after.resolutionDueAt, before.resolutionDueAt!)).toBeLessThan(1);
    // The ticket still runs under the targets it was opened with.
    expect(after).toMatchObject({ slaResponseMinutes: 480, slaResolutionMinutes: 3000, slaAroundTheClock: false });
  });

  it("a pause never moves a deadline earlier when the business hours changed during it", async () => {
    await db.businessHours.deleteMany();
    await db.businessHours.createMany({
      data: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, openMinute: 480, closeMinute: 1080 })),
    });
    invalidateCalendarCache();
    const { id } = await reportP4();
    const before = await row(id);
    await edit(id, { status: "PENDING" });
    await openAllDay(); // open around the clock now: 3000 minutes from the creation would be ~2 days
    await pendLonger(id, 10);
    await edit(id, { status: "IN_PROGRESS" });
    const after = await row(id);
    // Moved later by the 10 minutes paused (open all day now), not recomputed in the new calendar.
    expect(minutesAfter(after.resolutionDueAt, before.resolutionDueAt!)).toBeGreaterThanOrEqual(10);
    expect(minutesAfter(after.resolutionDueAt, before.resolutionDueAt!)).toBeLessThan(11);
    expect(minutesAfter(after.responseDueAt, before.responseDueAt!)).toBeGreaterThanOrEqual(10);
    expect(minutesAfter(after.responseDueAt, before.responseDueAt!)).toBeLessThan(11);
  });

  it(
    "a ticket opened after the change gets the new targets, and an old one takes them when " + "re-prioritised",
    async () => {
      const old = await reportP4();
      await withP4Targets({ responseMinutes: 240, resolutionMinutes: 1500 }, async () => {
        const fresh = await row((await reportP4()).id);
        expect(minutesAfter(fresh.responseDueAt, fresh.createdAt)).toBe(240);
        expect(fresh).toMatchObject({ slaResponseMinutes: 240, slaResolutionMinutes: 1500 });
        // Re-prioritised P4 -> P3 -> P4: the targets in force at the change apply.
        await edit(old.id, { impact: 2, urgency: 2 });
        expect(await row(old.id)).toMatchObject({
          priority: "P3",
          slaResponseMinutes: 240,
          slaResolutionMinutes: 1800,
        });
        await edit(old.id, { impact: 3, urgency: 3 });
        const t = await row(old.id);
        expect(t).toMatchObject({ priority: "P4", slaResponseMinutes: 240, slaResolutionMinutes: 1500 });
        expect(minutesAfter(t.responseDueAt, t.createdAt)).toBe(240);
      });
    },
  );
});

describe("dueTime (pure)", () => {
  const always = {
    timeZone: "UTC",
    hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, openMinute: 0, closeMinute: 1440 })),
    holidays: [],
  };
  const weekdays = {
    timeZone: "UTC",
    hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, openMinute: 480, closeMinute: 1080 })),
    holidays: [],
  };
  const at = (iso: string) => new Date(iso);

  it("moves the due time by the business minutes of a pause, not its wall time", () => {
    // Created Friday 2026-11-27 17:00 with 120 minutes: due Monday 09:00. Paused Friday 17:30 to
    // Saturday 17:30: 30 business minutes, so due Monday 09:30.
    const pause = { from: at("2026-11-27T17:30:00Z"), to: at("2026-11-28T17:30:00Z") };
    expect(dueTime(at("2026-11-27T17:00:00Z"), 120, { aroundTheClock: false }, weekdays, [pause]).toISOString()).toBe(
      "2026-11-30T09:30:00.000Z",
    );
    // Around the clock the whole 24 hours count: Friday 19:00 becomes Saturday 19:00.
    expect(dueTime(at("2026-11-27T17:00:00Z"), 120, { aroundTheClock: true }, weekdays, [pause]).toISOString()).toBe(
      "2026-11-28T19:00:00.000Z",
    );
  });

  it("ignores pauses that began after the breach or after the clock stopped", () => {
    const start = at("2026-11-25T10:00:00Z");
    const late = { from: at("2026-11-25T11:30:00Z"), to: at("2026-11-25T12:30:00Z") };
    expect(dueTime(start, 60, { aroundTheClock: false }, always, [late]).toISOString()).toBe(
      "2026-11-25T11:00:00.000Z",
    );
    const early = { from: at("2026-11-25T10:30:00Z"), to: at("2026-11-25T10:45:00Z") };
    expect(dueTime(start, 60, { aroundTheClock: false }, always, [early]).toISOString()).toBe(
      "2026-11-25T11:15:00.000Z",
    );
    expect(
      dueTime(start, 60, { aroundTheClock: false }, always, [early], at("2026-11-25T10:20:00Z")).toISOString(),
    ).toBe("2026-11-25T11:00:00.000Z");
  });
});

describe("pauseClocks and resumeClocks (pure)", () => {
  // East and west of UTC, Lord Howe's 30-minute DST shift, a half-hour zone without DST.
  const zones = ["Australia/Lord_Howe", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "UTC"];
  const calendarArb = fc.record({
    timeZone: fc.constantFrom(...zones),
    hours: fc
      .uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 })
      .chain((days) =>
        fc.tuple(
          ...days.map((weekday) =>
            fc
              .tuple(fc.integer({ min: 0, max: 1410 }), fc.integer({ min: 30, max: 1440 }))
              .map(([open, length]) => ({ weekday, openMinute: open, closeMinute: Math.min(1440, open + length) })),
          ),
        ),
      ),
    holidays: fc.constant([] as string[]),
  }) as fc.Arbitrary<BusinessCalendar>;
  // Around Lord Howe's and New York's 2026 changes (April, October-November).
  const instant = fc.integer({ min: Date.UTC(2026, 2, 25), max: Date.UTC(2026, 10, 10) }).map((t) => new Date(t));

  it("a pause moves a running due time later by exactly the business minutes paused, and never earlier", () => {
    fc.assert(
      fc.property(
        calendarArb,
        instant,
        fc.integer({ min: 1, max: 3000 }), // P4 resolves in 3000; more could need years of a 30-minute week
        fc.integer({ min: 0, max: 14 * 24 * 60 }),
        fc.boolean(),
        (calendar, created, minutes, pauseMinutes, aroundTheClock) => {
          const mode = { aroundTheClock };
          const due = dueTime(created, minutes, mode, calendar, []);
          const from = new Date(created.getTime() + Math.floor((due.getTime() - created.getTime()) / 2));
          const pause = { from, to: new Date(from.getTime() + pauseMinutes * MIN) };
          const paused = pauseClocks({ responseDueAt: due, resolutionDueAt: due }, pause.from, null);
          expect(paused.responseDueAt).toBeNull(); // running at the pause's start: paused
          const resumed = resumeClocks(
            { responseDueAt: paused.pausedResponseDueAt, resolutionDueAt: paused.pausedResolutionDueAt },
            pause,
            null,
            mode,
            calendar,
          );
          const after = resumed.resolutionDueAt!;
          expect(after.getTime()).toBeGreaterThanOrEqual(due.getTime());
          const moved = aroundTheClock
            ? (after.getTime() - due.getTime()) / MIN
            : businessMinutesBetween(due, after, calendar);
          const pausedMinutes = aroundTheClock ? pauseMinutes : businessMinutesBetween(pause.from, pause.to, calendar);
          expect(moved).toBeCloseTo(pausedMinutes, 6);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("a clock breached before the pause is not paused and does not move: a breach stays a breach", () => {
    const calendar: BusinessCalendar = {
      timeZone: "America/New_York",
      hours: [{ weekday: 1, openMinute: 540, closeMinute: 1020 }],
      holidays: [],
    };
    const due = new Date("2026-11-23T15:00:00Z");
    const pause = { from: new Date("2026-11-23T16:00:00Z"), to: new Date("2026-11-23T16:01:30Z") };
    const paused = pauseClocks(
      { responseDueAt: due, resolutionDueAt: new Date("2026-11-30T15:00:00Z") },
      pause.from,
      null,
    );
    expect(paused).toMatchObject({ responseDueAt: due, pausedResponseDueAt: null, resolutionDueAt: null });
    const resumed = resumeClocks(
      { responseDueAt: paused.responseDueAt, resolutionDueAt: paused.pausedResolutionDueAt },
      pause,
      null,
      { aroundTheClock: false },
      calendar,
    );
    expect(resumed.responseDueAt).toEqual(due);
    expect(resumed.resolutionDueAt).toEqual(new Date("2026-11-30T15:01:30Z"));
  });
});
