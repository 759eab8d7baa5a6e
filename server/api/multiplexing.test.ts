import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createPool, createPoolMembers, createUser, signIn } from "@/test/factories";
import { apiCall, apiToken } from "@/test/api";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import { checkoutSeat } from "@/server/licensing/checkout";
import { apiUseCsv, apiUseReport } from "./multiplexing";

/*
 * The multiplexing report from real API traffic and real sign-in sessions: people acted for per
 * account (end users and agents apart), agent actions refused for want of a seat, and sign-ins
 * from several devices or addresses at the same time above the administrator's threshold.
 */

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

describe("per API account", () => {
  it("counts distinct people acted for, writes, and agent actions refused for want of a seat", async () => {
    const hub = await apiToken(db, ["ACT_FOR_REQUESTERS", "ACT_FOR_AGENTS"], { accountName: "Hub under test" });
    const quiet = await apiToken(db, ["READ_TICKETS"], { accountName: "Quiet one" });
    const [u1, u2] = [await createUser(db), await createUser(db)];
    const agent = await createNamedAgent(db);
    const pool = await createPool(db, { size: 1 });
    const [holder, refused] = await createPoolMembers(db, pool.id, 2);
    expect((await checkoutSeat(db, { userId: holder!.id })).status).toBe("granted");

    const create = (email: string) =>
      apiCall(db, "POST", "/tickets", { token: hub.token, onBehalfOf: email, body: { title: "Outage here" } });
    const first = await create(u1.email);
    await create(u1.email);
    await create(u2.email);
    const ticketId = first.body.id as string;
    const note = (email: string) =>
      apiCall(db, "POST", `/tickets/${ticketId}/comments`, {
        token: hub.token,
        onBehalfOf: email,
        body: { body: "x" },
      });
    expect((await note(agent.email)).status).toBe(200);
    expect((await note(refused!.email)).status).toBe(409);
    expect((await note(refused!.email)).status).toBe(409);
    // An action older than the period is not counted.
    await db.apiAction.create({
      data: {
        accountId: hub.account.id,
        tokenId: hub.tokenId,
        personId: randomUUID(),
        actingAs: "END_USER",
        action: "api.createTicket",
        outcome: "DONE",
        at: new Date(Date.now() - 40 * 86_400_000),
      },
    });

    const report = await apiUseReport(db, { days: 30 });
    expect(report.accounts.find((a) => a.accountId === hub.account.id)).toEqual({
      accountId: hub.account.id,
      name: "Hub under test",
      disabled: false,
      endUsers: 2,
      agents: 1,
      writes: 4,
      refusedNoSeat: 2,
      agentsRefusedNoSeat: 1,
      refusedUnlicensed: 0,
    });
    expect(report.accounts.find((a) => a.accountId === quiet.account.id)).toMatchObject({ writes: 0, endUsers: 0 });
    const csv = apiUseCsv(report, "accounts");
    expect(csv).toContain("Hub under test,no,2,1,4,2,1,0\r\n");
  });
});

describe("shared logins", () => {
  async function session(userId: string, ip: string, agent: string, startMinutesAgo: number, endMinutesAgo: number) {
    await db.authSession.create({
      data: {
        userId,
        ipAddress: ip,
        userAgent: agent,
        createdAt: new Date(Date.now() - startMinutesAgo * 60_000),
        lastSeenAt: new Date(Date.now() - endMinutesAgo * 60_000),
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
  }

  it(
    "flags people signed in from several devices or addresses at once, above the administrator's " + "threshold",
    async () => {
      const shared = await createUser(db, { role: "AGENT", name: "Shared Login" });
      const serial = await createUser(db, { role: "AGENT", name: "One At A Time" });
      await session(shared.id, "10.0.0.1", "Firefox", 60, 10);
      await session(shared.id, "10.0.0.2", "Chrome", 50, 5);
      await session(shared.id, "10.0.0.3", "Safari", 40, 1);
      // Three sign-ins one after another from three places: never two at once.
      await session(serial.id, "10.0.1.1", "Firefox", 90, 80);
      await session(serial.id, "10.0.1.2", "Chrome", 70, 60);
      await session(serial.id, "10.0.1.3", "Safari", 50, 40);

      const report = await apiUseReport(db, { days: 7 });
      expect(report.threshold).toBe(3);
      const flagged = report.sharedLogins.find((p) => p.userId === shared.id);
      expect(flagged).toMatchObject({ name: "Shared Login", devices: 3, addresses: 3 });
      expect(report.sharedLogins.find((p) => p.userId === serial.id)).toBeUndefined();
      expect(apiUseCsv(report, "shared-logins")).toContain("Shared Login,");

      const admin = await createUser(db, { role: "ADMIN" });
      const caller = callerFor(db, await signIn(db, admin.id));
      await caller.adminApiAccounts.setSharedLoginThreshold({ threshold: 4 });
      expect((await apiUseReport(db, { days: 7 })).sharedLogins.find((p) => p.userId === shared.id)).toBeUndefined();
      await expect(caller.adminApiAccounts.setSharedLoginThreshold({ threshold: 1 })).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
      await caller.adminApiAccounts.setSharedLoginThreshold({ threshold: 3 });
    },
  );

  it("is for administrators and report viewers", async () => {
    const cfo = await createUser(db, { role: "REPORT_VIEWER" });
    await expect(callerFor(db, await signIn(db, cfo.id)).reportsApi.use({ days: 7 })).resolves.toMatchObject({
      days: 7,
    });
    const agent = await createUser(db, { role: "AGENT" });
    await expect(callerFor(db, await signIn(db, agent.id)).reportsApi.use({ days: 7 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
