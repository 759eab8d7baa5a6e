import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import { sqlOutsideTransaction } from "@/server/db/sql";
import { createTestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { createGroupWith } from "@/test/tickets";
import { createTicket } from "./create-ticket";
import { cachedCreationSettings, creationSettingsGuard, isStaleSettingsError } from "./creation-settings";
import type { TicketActor } from "./actor";

/*
 * A program's ticket creation takes the priority matrix, the SLA targets and the Service Desk
 * from this process's copy (creation-settings.ts), checked by version in its own insert. Each test
 * changes a setting through a second client (another app instance, with a copy of its own, or
 * none) and expects the very next creation here to follow it, as when nothing was cached.
 */

let db: Db;
let otherInstance: Db;
let requester: TicketActor;
beforeAll(async () => {
  let newClient: (max?: number) => Db;
  ({ db, newClient } = await createTestDatabase());
  otherInstance = newClient(2);
  const user = await createUser(db);
  requester = { id: user.id, role: user.role, via: "portal", stamp: "via Test hub for a tester" };
});

/** A creation as the API makes it: outside a transaction, with the clock its token check read. */
async function programCreates(title: string, impact = 3, urgency = 2) {
  const [clock] = await sqlOutsideTransaction(db).rows<{ now: Date }>(Prisma.sql`select now() as now`);
  const created = await createTicket(db, requester, { title, impact, urgency }, { at: clock!.now });
  return db.ticket.findUniqueOrThrow({ where: { id: created.id } });
}

describe("the settings a program's ticket creation caches", () => {
  it("follow a change of the priority matrix made on another instance, from the very next ticket", async () => {
    expect((await programCreates("Before the matrix changed")).priority).toBe("P4");
    await otherInstance.priorityMatrix.upsert({
      where: { impact_urgency: { impact: 3, urgency: 2 } },
      create: { impact: 3, urgency: 2, priority: "P2" },
      update: { priority: "P2" },
    });
    const after = await programCreates("After the matrix changed");
    expect(after.priority).toBe("P2");
    // Dated by the clock given (the request's), its SLA from the P2 target.
    expect(after.slaResponseMinutes).toBe(60);
  });

  it("follow a change of an SLA target made on another instance", async () => {
    await programCreates("Warms the copy", 1, 1);
    await otherInstance.slaTarget.update({ where: { priority: "P1" }, data: { responseMinutes: 5 } });
    const after = await programCreates("After the target changed", 1, 1);
    expect(after).toMatchObject({ priority: "P1", slaResponseMinutes: 5 });
  });

  it("follow the Service Desk being created and renamed", async () => {
    expect((await programCreates("No desk yet")).groupId).toBeNull();
    const desk = await createGroupWith(otherInstance, "Service Desk");
    expect((await programCreates("The desk exists")).groupId).toBe(desk.id);
    await otherInstance.group.update({ where: { id: desk.id }, data: { name: "Front line" } });
    expect((await programCreates("The desk was renamed")).groupId).toBeNull();
  });

  it("write nothing with a stale copy: the retry leaves one ticket, one history stamp, one mail event", async () => {
    await programCreates("Warms the copy again");
    await otherInstance.priorityMatrix.update({
      where: { impact_urgency: { impact: 2, urgency: 2 } },
      data: { priority: "P1" },
    });
    const title = `Stale copy ${Date.now()}`;
    const ticket = await programCreates(title, 2, 2);
    expect(ticket.priority).toBe("P1");
    expect(await db.ticket.count({ where: { title } })).toBe(1);
    expect(await db.ticketHistory.count({ where: { ticketId: ticket.id, field: "via" } })).toBe(1);
    expect(await db.mailEvent.count({ where: { ticketId: ticket.id, kind: "ticket.created" } })).toBe(1);
  });

  it("refuse a statement checked against a version that is not the current one (SQLSTATE SDV01)", async () => {
    const { version } = await cachedCreationSettings(db);
    const check = (v: bigint | null) =>
      sqlOutsideTransaction(db).rows(Prisma.sql`select ${creationSettingsGuard(v)} as ok`);
    await expect(check(version)).resolves.toEqual([{ ok: true }]);
    const stale = await check((version ?? 0n) - 1n).catch((error: unknown) => error);
    expect(isStaleSettingsError(stale)).toBe(true);
  });

  it("are read afresh (no copy) inside a transaction, where a refused statement could not be retried", async () => {
    await otherInstance.priorityMatrix.update({
      where: { impact_urgency: { impact: 1, urgency: 3 } },
      data: { priority: "P4" },
    });
    const created = await db.$transaction((tx) =>
      createTicket(tx, requester, { title: "In a transaction", impact: 1, urgency: 3 }, { at: new Date() }),
    );
    expect((await db.ticket.findUniqueOrThrow({ where: { id: created.id } })).priority).toBe("P4");
  });
});
