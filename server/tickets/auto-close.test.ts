import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { createTestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { console_, createAgent, createGroupWith, portal, refusal } from "@/test/tickets";
import { autoCloseResolved } from "./auto-close";
import { createTicket } from "./create-ticket";
import { updateTicket } from "./update-ticket";

let db: Db;
let user: Awaited<ReturnType<typeof createUser>>;
let agent: Awaited<ReturnType<typeof createAgent>>;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  user = await createUser(db);
  agent = await createAgent(db, "Dana Desk");
  await createGroupWith(db, "Service Desk", [agent]);
  await db.ticketSettings.update({ where: { id: 1 }, data: { autoCloseDays: 5 } });
});

const row = (id: string) => db.ticket.findUniqueOrThrow({ where: { id } });
async function resolvedDaysAgo(days: number) {
  const { id } = await createTicket(db, portal(user), { title: "Mail is slow", impact: 3, urgency: 3 });
  await updateTicket(db, console_(agent), { id, expectedVersion: 1, changes: { status: "RESOLVED" } });
  await db.$executeRaw`update "Ticket" set "resolvedAt" = now() - make_interval(days => ${days}) where "id" = ${id}`;
  return id;
}

describe("auto-close", () => {
  it("closes resolved tickets older than autoCloseDays, with a history row by the system, and no others", async () => {
    const old = await resolvedDaysAgo(6);
    const recent = await resolvedDaysAgo(4);
    const open = (await createTicket(db, portal(user), { title: "Still open", impact: 3, urgency: 3 })).id;
    await db.$executeRaw`update "Ticket" set "createdAt" = now() - interval '30 days' where "id" = ${open}`;

    expect(await autoCloseResolved(db)).toBe(1);
    const closed = await row(old);
    expect(closed).toMatchObject({ status: "CLOSED", version: 3 });
    expect(closed.closedAt).not.toBeNull();
    expect(closed.resolvedAt).not.toBeNull();
    const history = await db.ticketHistory.findMany({ where: { ticketId: old }, orderBy: { id: "desc" }, take: 1 });
    expect(history.map((h) => [h.field, h.fromValue, h.toValue, h.actorId, h.version])).toEqual([
      ["status", "RESOLVED", "CLOSED", null, 3],
    ]);
    expect((await row(recent)).status).toBe("RESOLVED");
    expect((await row(open)).status).toBe("NEW");
    // Nothing left to do: a second run closes nothing.
    expect(await autoCloseResolved(db)).toBe(0);
  });

  it("never closes a ticket the requester reopened", async () => {
    const id = await resolvedDaysAgo(4);
    await updateTicket(db, portal(user), {
      id,
      expectedVersion: 2,
      changes: { status: "IN_PROGRESS" },
      note: "Not fixed",
    });
    // Even with the old resolution date still somewhere in the history, it is In progress now.
    await db.$executeRaw`update "TicketHistory" set "at" = now() - interval '10 days' where "ticketId" = ${id}`;
    expect(await autoCloseResolved(db)).toBe(0);
    expect(await row(id)).toMatchObject({ status: "IN_PROGRESS", resolvedAt: null, closedAt: null });
  });

  it("works in batches until none are left, and an agent's stale edit hears the system closed it", async () => {
    const ids = await Promise.all([1, 2, 3, 4, 5].map(() => resolvedDaysAgo(8)));
    expect(await autoCloseResolved(db, 2)).toBe(5);
    for (const id of ids) expect((await row(id)).status).toBe("CLOSED");
    const stale = await refusal(
      updateTicket(db, console_(agent), { id: ids[0]!, expectedVersion: 2, changes: { title: "Mail is slow again" } }),
    );
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toContain("status changed by seatdesk (automatic)");
  });

  it("follows the setting: with autoCloseDays 10 an 8-day-old resolution stays open", async () => {
    await db.ticketSettings.update({ where: { id: 1 }, data: { autoCloseDays: 10 } });
    const id = await resolvedDaysAgo(8);
    expect(await autoCloseResolved(db)).toBe(0);
    expect((await row(id)).status).toBe("RESOLVED");
    await db.ticketSettings.update({ where: { id: 1 }, data: { autoCloseDays: 5 } });
  });
});
