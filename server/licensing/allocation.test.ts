import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createPool, createPoolMembers, createUser } from "@/test/factories";
import { adminEvents, newAdmin, resetSeats } from "@/test/allocation";
import { devSignedLicense } from "@/test/license";
import type { Db } from "@/server/db/client";
import type { AdminActor } from "./allocation";
import { getEntitlement } from "./entitlement";
import { installLicenseFile } from "./license-file/install";
import { setLicense } from "./assignments";
import { createPool as adminCreatePool, updatePool } from "./pools";

/** What is owned changes only by installing a license file granting these seats. */
const setOwned = (db: Db, actor: AdminActor, owned: { namedSeats: number; concurrentSeats: number }) =>
  installLicenseFile(db, actor, { text: devSignedLicense(owned) });

/*
 * Allocation never exceeds what the organisation owns (../shared/licensing.md, "Entitlement and
 * allocation"): every breach is refused with the numbers and the field it belongs to, also when
 * administrators act at the same moment on separate connections; every change is audited.
 */

let db: Db;
let newClient: (max?: number) => Db;
let actor: () => AdminActor;

beforeAll(async () => {
  ({ db, newClient } = await createTestDatabase());
  ({ actor } = await newAdmin(db));
});

describe("the entitlement", () => {
  it("reads as 0 named and 0 concurrent seats before anyone set it, without creating the row", async () => {
    expect(await db.entitlement.count()).toBe(0);
    expect(await getEntitlement(db)).toMatchObject({
      namedSeats: 0,
      concurrentSeats: 0,
      namedAssigned: 0,
      concurrentAllocated: 0,
      updatedAt: null,
    });
    expect(await db.entitlement.count()).toBe(0);
  });

  it("is created by the first license file, which is recorded with who, which request, before and after", async () => {
    const a = actor();
    const result = await setOwned(db, a, { namedSeats: 7, concurrentSeats: 4 });
    expect(result).toMatchObject({ namedSeats: 7, concurrentSeats: 4 });
    expect(await getEntitlement(db)).toMatchObject({ namedSeats: 7, concurrentSeats: 4 });
    const [event] = await adminEvents(db, a.requestId!);
    expect(event).toMatchObject({
      actorId: a.actorId,
      details: {
        action: "license.install",
        before: { namedSeats: 0, concurrentSeats: 0 },
        after: { namedSeats: 7, concurrentSeats: 4 },
      },
    });
  });
});

describe("limits", () => {
  beforeEach(() => resetSeats(db, { namedSeats: 7, concurrentSeats: 4 }));

  it(
    "refuses a license owning fewer named seats than are assigned, with the numbers, on the file's " + "field",
    async () => {
      for (let i = 0; i < 7; i++) await createNamedAgent(db);
      await expect(setOwned(db, actor(), { namedSeats: 5, concurrentSeats: 4 })).rejects.toMatchObject({
        code: "CONFLICT",
        field: "text",
        message: expect.stringContaining(
          "7 named seats are assigned, but this license grants only 5. Unassign 2 first",
        ),
      });
      expect(await getEntitlement(db)).toMatchObject({ namedSeats: 7, namedAssigned: 7 });
    },
  );

  it("refuses a license owning fewer concurrent seats than the pools use, with the numbers", async () => {
    await createPool(db, { size: 3 });
    await expect(setOwned(db, actor(), { namedSeats: 7, concurrentSeats: 2 })).rejects.toMatchObject({
      code: "CONFLICT",
      field: "text",
      message: expect.stringContaining("Pools use 3 concurrent seats, but this license grants only 2"),
    });
    expect(await setOwned(db, actor(), { namedSeats: 7, concurrentSeats: 3 })).toMatchObject({ concurrentSeats: 3 });
    expect(await getEntitlement(db)).toMatchObject({ concurrentSeats: 3, concurrentAllocated: 3 });
  });

  it("refuses an eighth named seat when 7 of 7 are assigned", async () => {
    for (let i = 0; i < 7; i++) await createNamedAgent(db);
    const agent = await createUser(db, { role: "AGENT" });
    await expect(setLicense(db, actor(), { userId: agent.id, license: { kind: "NAMED" } })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("7 of 7 named seats are assigned"),
      details: { namedAssigned: 7, namedSeats: 7 },
    });
    expect(await db.seatAssignment.findUnique({ where: { userId: agent.id } })).toBeNull();
  });

  it("refuses a pool that would exceed the concurrent seats owned, on the size field", async () => {
    await createPool(db, { size: 2 });
    await expect(
      adminCreatePool(db, actor(), { name: "Too big", size: 4, idleTimeoutMinutes: 30, groupId: null, memberIds: [] }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      field: "size",
      message: expect.stringContaining("Pools would use 6 of 4 concurrent seats owned. 2 seats are left for this pool"),
    });
    expect(await db.seatPool.count({ where: { name: "Too big" } })).toBe(0);
  });

  it("refuses growing a pool beyond the concurrent seats owned, counting the other pools", async () => {
    await createPool(db, { size: 1 });
    const { pool } = await adminCreatePool(db, actor(), {
      name: "Grows",
      size: 2,
      idleTimeoutMinutes: 30,
      groupId: null,
      memberIds: [],
    });
    await expect(updatePool(db, actor(), { poolId: pool.id, size: 5 })).rejects.toMatchObject({
      code: "CONFLICT",
      field: "size",
      message: expect.stringContaining("Pools would use 6 of 4 concurrent seats owned"),
    });
    expect(await updatePool(db, actor(), { poolId: pool.id, size: 3 })).toMatchObject({ pool: { id: pool.id } });
    expect((await getEntitlement(db)).concurrentAllocated).toBe(4);
  });

  it("does not count a deleted pool's seats", async () => {
    const old = await createPool(db, { size: 4 });
    await db.seatPool.update({ where: { id: old.id }, data: { deletedAt: new Date() } });
    await expect(
      adminCreatePool(db, actor(), {
        name: `After ${old.id}`,
        size: 4,
        idleTimeoutMinutes: 30,
        groupId: null,
        memberIds: [],
      }),
    ).resolves.toBeTruthy();
  });
});

describe("administrators acting at the same moment", () => {
  it("two admins racing to assign the last named seat: exactly one succeeds, round after round", async () => {
    const clients = [newClient(3), newClient(3)];
    const second = await newAdmin(db);
    for (let round = 0; round < 6; round++) {
      await resetSeats(db, { namedSeats: 7, concurrentSeats: 0 });
      for (let i = 0; i < 6; i++) await createNamedAgent(db);
      const [a, b] = [await createUser(db, { role: "AGENT" }), await createUser(db, { role: "AGENT" })];
      const results = await Promise.allSettled([
        setLicense(clients[0]!, actor(), { userId: a.id, license: { kind: "NAMED" } }),
        setLicense(clients[1]!, second.actor(), { userId: b.id, license: { kind: "NAMED" } }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({
        code: "CONFLICT",
        message: expect.stringContaining("7 of 7 named seats are assigned"),
      });
      expect(await db.seatAssignment.count({ where: { kind: "NAMED" } })).toBe(7);
    }
  });

  it("many admins creating pools for the last concurrent seats: the sizes never exceed what is owned", async () => {
    await resetSeats(db, { namedSeats: 0, concurrentSeats: 5 });
    const clients = Array.from({ length: 6 }, () => newClient(2));
    const results = await Promise.allSettled(
      clients.map((client, i) =>
        adminCreatePool(client, actor(), {
          name: `Race ${i}`,
          size: 2,
          idleTimeoutMinutes: 30,
          groupId: null,
          memberIds: [],
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    for (const r of results)
      if (r.status === "rejected")
        expect(r.reason).toMatchObject({
          field: "size",
          message: expect.stringContaining("Pools would use 6 of 5 concurrent seats owned"),
        });
    expect((await getEntitlement(db)).concurrentAllocated).toBe(4);
  });

  it("an admin installing a smaller license while another assigns: never fewer owned than assigned", async () => {
    const second = await newAdmin(db);
    for (let round = 0; round < 4; round++) {
      await resetSeats(db, { namedSeats: 3, concurrentSeats: 0 });
      for (let i = 0; i < 2; i++) await createNamedAgent(db);
      const agent = await createUser(db, { role: "AGENT" });
      await Promise.allSettled([
        setLicense(newClient(1), actor(), { userId: agent.id, license: { kind: "NAMED" } }),
        setOwned(newClient(1), second.actor(), { namedSeats: 2, concurrentSeats: 0 }),
      ]);
      const { namedSeats, namedAssigned } = await getEntitlement(db);
      expect(namedAssigned).toBeLessThanOrEqual(namedSeats);
    }
  });
});

describe("the audit trail", () => {
  beforeEach(() => resetSeats(db, { namedSeats: 7, concurrentSeats: 4 }));

  it("records a license change with actor, request, person, before and after", async () => {
    const pool = await createPool(db, { size: 2, name: `Audit ${Date.now()}` });
    const [agent] = await createPoolMembers(db, pool.id, 1);
    const a = actor();
    await setLicense(db, a, { userId: agent!.id, license: { kind: "NAMED" } });
    const events = await adminEvents(db, a.requestId!);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "ADMIN_ACTION",
      actorId: a.actorId,
      userId: agent!.id,
      userName: agent!.name,
      kind: "NAMED",
      details: {
        action: "license.set",
        before: { kind: "CONCURRENT", poolId: pool.id, poolName: pool.name },
        after: { kind: "NAMED" },
      },
    });
  });

  it("records pool creation and edits, and each member's license, under the request", async () => {
    const agents = [await createUser(db, { role: "AGENT" }), await createUser(db, { role: "ADMIN" })];
    const created = actor();
    const { pool } = await adminCreatePool(db, created, {
      name: "Audited",
      size: 2,
      idleTimeoutMinutes: 15,
      groupId: null,
      memberIds: agents.map((x) => x.id),
    });
    const events = await adminEvents(db, created.requestId!);
    expect(events.map((e) => (e.details as { action: string }).action).sort()).toEqual([
      "license.set",
      "license.set",
      "pool.create",
    ]);
    expect(events.find((e) => (e.details as { action: string }).action === "pool.create")).toMatchObject({
      actorId: created.actorId,
      poolId: pool.id,
      poolName: "Audited",
      details: { before: null, after: { name: "Audited", size: 2, idleTimeoutSeconds: 900 } },
    });
    const edited = actor();
    await updatePool(db, edited, { poolId: pool.id, size: 1, idleTimeoutMinutes: 20 });
    const [edit] = await adminEvents(db, edited.requestId!);
    expect(edit).toMatchObject({
      details: {
        action: "pool.update",
        before: { size: 2, idleTimeoutSeconds: 900 },
        after: { size: 1, idleTimeoutSeconds: 1200 },
      },
    });
  });

  it("records nothing when a change is refused", async () => {
    for (let i = 0; i < 7; i++) await createNamedAgent(db);
    const agent = await createUser(db, { role: "AGENT" });
    const a = actor();
    await expect(setLicense(db, a, { userId: agent.id, license: { kind: "NAMED" } })).rejects.toThrow();
    expect(await adminEvents(db, a.requestId!)).toHaveLength(0);
  });
});
