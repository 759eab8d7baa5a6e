import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createPool, createPoolMembers, createUser } from "@/test/factories";
import { resetSeats } from "@/test/allocation";
import { portal } from "@/test/tickets";
import type { Db } from "@/server/db/client";
import { checkoutSeat } from "@/server/licensing/checkout";
import { joinWaitingLine } from "@/server/licensing/waiting-line";
import { createTicket } from "@/server/tickets/create-ticket";
import { getAdminOverview } from "./admin-overview";

/** The administration's first page: the numbers, from the organisation's own database. */
let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

describe("getAdminOverview", () => {
  it("counts seats owned, given out and in use, the people waiting and the refusals of the last day", async () => {
    await resetSeats(db, { namedSeats: 3, concurrentSeats: 4 });
    const admin = await createUser(db, { role: "ADMIN" });
    const named1 = await createNamedAgent(db);
    await createNamedAgent(db); // assigned, not in use
    const pool = await createPool(db, { size: 1 });
    await createPool(db, { size: 2 });
    const [holder, refused, alsoRefused] = await createPoolMembers(db, pool.id, 3);
    expect((await checkoutSeat(db, { userId: named1.id })).status).toBe("granted");
    expect((await checkoutSeat(db, { userId: holder!.id })).status).toBe("granted");
    expect((await checkoutSeat(db, { userId: refused!.id })).status).toBe("refused");
    await joinWaitingLine(db, refused!.id);
    // A refusal of two days ago is not "the last day" (the seat history is append-only: it is written so).
    await db.$executeRaw`insert into "SeatEvent" (type, at, "userId", kind, "poolId") values ('REFUSED', now() -
      interval '2 days', ${alsoRefused!.id}, 'CONCURRENT', ${pool.id})`;

    const { seats } = await getAdminOverview(db, { id: admin.id, role: "ADMIN" });
    expect(seats).toEqual({
      named: { owned: 3, assigned: 2, inUse: 1 },
      concurrent: { owned: 4, inPools: 3, inUse: 1, pools: 2 },
      waiting: 1,
      refusedLastDay: 1,
    });
  });

  it("counts open tickets and those due within the hour or overdue, and the people by role", async () => {
    const admin = await createUser(db, { role: "ADMIN" });
    const before = await getAdminOverview(db, { id: admin.id, role: "ADMIN" });
    const requester = await createUser(db);
    await createUser(db, { role: "REPORT_VIEWER" });
    await createUser(db, { role: "AGENT", active: false });
    const soon = await createTicket(db, portal(requester), { title: "Laptop will not start" });
    await createTicket(db, portal(requester), { title: "New monitor" });
    const pending = await createTicket(db, portal(requester), { title: "Printer jams" });
    await db.$executeRaw`update "Ticket" set "responseDueAt" = now() + interval '20 minutes' where id = ${soon.id}`;
    await db.$executeRaw`update "Ticket" set status = 'CANCELLED' where id = ${pending.id}`;

    const after = await getAdminOverview(db, { id: admin.id, role: "ADMIN" });
    expect(after.tickets).toEqual({ open: before.tickets.open + 2, breaching: before.tickets.breaching + 1 });
    expect(after.people).toEqual({
      ...before.people,
      endUsers: before.people.endUsers + 1,
      reportViewers: before.people.reportViewers + 1,
    });
  });
});
