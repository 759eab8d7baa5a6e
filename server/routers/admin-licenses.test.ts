import { beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createTestDatabase } from "@/test/db";
import { createPool, createUser, signIn } from "@/test/factories";
import { resetSeats } from "@/test/allocation";
import { devSignedLicense } from "@/test/license";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import type { ValidSession } from "@/server/auth/auth-sessions";
import { adminLicensesRouter } from "./admin-licenses";

/*
 * The adminLicenses router is for administrators only: anyone else is refused by every one of
 * its procedures before any domain code runs; an administrator's call works end to end.
 */

let db: Db;
let poolId: string;
let agentId: string;
const sessions: Record<"endUser" | "agent" | "admin", ValidSession | null> = {
  endUser: null,
  agent: null,
  admin: null,
};

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  await resetSeats(db, { namedSeats: 2, concurrentSeats: 4 });
  poolId = (await createPool(db, { size: 2, name: "Router pool" })).id;
  const [endUser, agent, admin] = [
    await createUser(db),
    await createUser(db, { role: "AGENT" }),
    await createUser(db, { role: "ADMIN" }),
  ];
  agentId = agent.id;
  sessions.endUser = await signIn(db, endUser.id);
  sessions.agent = await signIn(db, agent.id);
  sessions.admin = await signIn(db, admin.id);
});

type Caller = ReturnType<typeof callerFor>["adminLicenses"];

/** One valid call of every procedure (valid input, so only authorization can refuse it). */
const calls: Record<keyof typeof adminLicensesRouter._def.procedures, (c: Caller) => Promise<unknown>> = {
  entitlement: (c) => c.entitlement(),
  license: (c) => c.license(),
  previewLicense: (c) => c.previewLicense({ text: devSignedLicense({ namedSeats: 3 }) }),
  installLicense: (c) => c.installLicense({ text: devSignedLicense({ namedSeats: 3 }) }),
  pools: (c) => c.pools({}),
  poolMembers: (c) => c.poolMembers({ poolId }),
  choices: (c) => c.choices(),
  createPool: (c) => c.createPool({ name: "New pool", size: 1, idleTimeoutMinutes: 10, groupId: null, memberIds: [] }),
  updatePool: (c) => c.updatePool({ poolId, size: 1 }),
  deletePool: (c) => c.deletePool({ poolId, reason: "no longer needed" }),
  agents: (c) => c.agents({ search: "" }),
  setLicense: (c) => c.setLicense({ userId: agentId, license: { kind: "NAMED" } }),
  assignModule: (c) => c.assignModule({ userId: agentId, module: "change" }),
  removeModule: (c) => c.removeModule({ userId: agentId, module: "change" }),
};

describe("adminLicenses: who may call", () => {
  it("lists a call for every procedure of the router", () => {
    expect(Object.keys(calls).sort()).toEqual(Object.keys(adminLicensesRouter._def.procedures).sort());
  });

  for (const [who, code] of [
    ["anonymous", "UNAUTHORIZED"],
    ["endUser", "FORBIDDEN"],
    ["agent", "FORBIDDEN"],
  ] as const) {
    it(`refuses ${who} (${code}) on every procedure, changing nothing`, async () => {
      const caller = callerFor(db, who === "anonymous" ? null : sessions[who]).adminLicenses;
      for (const [name, call] of Object.entries(calls)) {
        const error = await call(caller).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error, name).toBeInstanceOf(TRPCError);
        expect((error as TRPCError).code, name).toBe(code);
      }
      expect(await db.seatEvent.count({ where: { type: "ADMIN_ACTION" } })).toBe(0);
      expect(await db.seatPool.count({ where: { deletedAt: null } })).toBe(1);
    });
  }

  it("lets an administrator read and change licenses through every middleware, recorded with their id", async () => {
    const caller = callerFor(db, sessions.admin).adminLicenses;
    expect(await caller.entitlement()).toMatchObject({ namedSeats: 2, concurrentSeats: 4, concurrentAllocated: 2 });
    const result = await caller.setLicense({ userId: agentId, license: { kind: "NAMED" } });
    expect(result).toMatchObject({ changed: true, license: { kind: "NAMED" } });
    const event = await db.seatEvent.findFirstOrThrow({ where: { type: "ADMIN_ACTION", userId: agentId } });
    expect(event.actorId).toBe(sessions.admin!.user.id);
    expect(event.requestId).toBeTruthy();
    expect((await caller.agents({ search: "" })).items.find((a) => a.id === agentId)?.license).toEqual({
      kind: "NAMED",
    });
  });

  it("turns a domain refusal into the form's field error and an input error into zod's", async () => {
    const caller = callerFor(db, sessions.admin).adminLicenses;
    const refused = await caller
      .createPool({ name: "router pool", size: 1, idleTimeoutMinutes: 10, groupId: null, memberIds: [] })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "CONFLICT", cause: { field: "name" } });
    const invalid = await caller
      .createPool({ name: "X", size: 0, idleTimeoutMinutes: 10, groupId: null, memberIds: [] })
      .catch((e: unknown) => e);
    expect(invalid).toMatchObject({ code: "BAD_REQUEST" });
  });

  it(
    "installs a license file through every middleware, audited; a text that is not one is told so on its " + "field",
    async () => {
      const caller = callerFor(db, sessions.admin).adminLicenses;
      const installed = await caller.installLicense({ text: `\n  ${devSignedLicense({ namedSeats: 5 })}\n\n` });
      expect(installed).toMatchObject({
        namedSeats: 5,
        concurrentSeats: 4,
        message: expect.stringMatching(/^Valid until/),
      });
      expect(await caller.license()).toMatchObject({ namedSeats: 5, installedByName: expect.any(String) });
      expect(
        await db.adminAuditEvent.count({
          where: { action: "adminLicenses.installLicense", actorId: sessions.admin!.user.id },
        }),
      ).toBe(1);
      const notOne = await caller.installLicense({ text: "namedSeats = 500" }).catch((e: unknown) => e);
      expect(notOne).toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringContaining("This is not a seatdesk license file"),
        cause: { field: "text", details: { license: "not-a-license" } },
      });
      expect((await caller.entitlement()).namedSeats).toBe(5);
    },
  );
});
