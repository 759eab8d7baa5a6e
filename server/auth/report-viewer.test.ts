import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createUser, signIn } from "@/test/factories";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import { AREA_ROLES, homeFor } from "@/lib/auth/roles";

/*
 * The report viewer (a CFO): lands on the reports, may open no other area, and never holds a
 * seat, not even with a seat license left over from a former agent role. An administrator
 * reading reports takes no seat either.
 */

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  await db.entitlement.create({ data: { id: 1, namedSeats: 2, concurrentSeats: 0 } });
});

describe("report viewer", () => {
  it("lands on /reports and may open the reports only", () => {
    expect(homeFor("REPORT_VIEWER")).toBe("/reports");
    const areas = Object.entries(AREA_ROLES)
      .filter(([, roles]) => (roles as readonly string[]).includes("REPORT_VIEWER"))
      .map(([area]) => area);
    expect(areas).toEqual(["reports"]);
    expect(AREA_ROLES.reports).toEqual(["ADMIN", "REPORT_VIEWER"]);
  });

  it("never gets a seat, even holding a named seat license, and reading reports writes no seat event", async () => {
    const cfo = await createUser(db, { role: "REPORT_VIEWER" });
    await db.seatAssignment.create({ data: { userId: cfo.id, kind: "NAMED" } });
    const caller = callerFor(db, await signIn(db, cfo.id));
    for (const call of [() => caller.seat.checkout(), () => caller.seat.status(), () => caller.seat.joinLine()]) {
      await expect(call()).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: "This is only for agents and administrators.",
      });
    }
    expect((await caller.reports.choices()).namedSeats).toBe(2);
    expect(await db.seatLease.count({ where: { userId: cfo.id } })).toBe(0);
    expect(await db.seatEvent.count({ where: { userId: cfo.id } })).toBe(0);
  });

  it("an administrator reading the reports takes no seat", async () => {
    const admin = await createUser(db, { role: "ADMIN" });
    await db.seatAssignment.create({ data: { userId: admin.id, kind: "NAMED" } });
    await callerFor(db, await signIn(db, admin.id)).reports.choices();
    expect(await db.seatLease.count({ where: { userId: admin.id } })).toBe(0);
  });
});
