import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createUser, signIn } from "@/test/factories";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import { checkToken, hashToken } from "./tokens";

/*
 * API accounts and tokens through the administrators' procedures (so the audit log and the role
 * gate are in the path): hashed, shown once, scoped, expiring, revoked at once, dated when and
 * from where they were last used, and limited per minute.
 */

let db: Db;
let admin: Awaited<ReturnType<typeof createUser>>;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  admin = await createUser(db, { role: "ADMIN" });
});

async function adminCaller() {
  return callerFor(db, await signIn(db, admin.id));
}

async function accountWithToken(options: { requestsPerMinute?: number; name?: string } = {}) {
  const caller = await adminCaller();
  const account = await caller.adminApiAccounts.create({
    name: options.name ?? `Hub ${Math.random().toString(36).slice(2, 8)}`,
    purpose: "chat hub",
    ownerEmail: admin.email,
  });
  const issued = await caller.adminApiAccounts.issueToken({
    accountId: account.id,
    label: "production",
    scopes: ["READ_TICKETS", "ACT_FOR_REQUESTERS"],
    expiresInDays: 30,
    requestsPerMinute: options.requestsPerMinute ?? 600,
  });
  return { caller, account, issued };
}

describe("issuing a token", () => {
  it("shows the token once and keeps only its hash", async () => {
    const { issued, account } = await accountWithToken();
    expect(issued.token).toMatch(/^sdk_[A-Za-z0-9_-]{32}$/);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row.tokenHash).toBe(hashToken(issued.token));
    expect(JSON.stringify(row)).not.toContain(issued.token);
    expect(row.prefix).toBe(issued.token.slice(0, 12));
    const listed = await (await adminCaller()).adminApiAccounts.list();
    const mine = listed.find((a) => a.id === account.id)!;
    expect(JSON.stringify(mine)).not.toContain(issued.token);
    expect(mine.tokens[0]).toMatchObject({ label: "production", scopes: ["READ_TICKETS", "ACT_FOR_REQUESTERS"] });
  });

  it("keeps each change in the audit log, without the token", async () => {
    const { issued, account } = await accountWithToken();
    const actions = await db.adminAuditEvent.findMany({
      where: { actorId: admin.id },
      select: { action: true, input: true },
    });
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["adminApiAccounts.create", "adminApiAccounts.issueToken"]),
    );
    expect(JSON.stringify(actions)).not.toContain(issued.token);
    expect(JSON.stringify(actions)).toContain(account.id);
  });

  it("refuses bad input with a message beside the field, and a second account of the same name", async () => {
    const caller = await adminCaller();
    await expect(
      caller.adminApiAccounts.create({ name: "x", purpose: "", ownerEmail: admin.email }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      caller.adminApiAccounts.create({ name: "Nobody's", purpose: "", ownerEmail: "nobody@nowhere.test" }),
    ).rejects.toMatchObject({ message: expect.stringContaining("No active person") });
    const { account } = await accountWithToken({ name: "Monitoring" });
    await expect(
      caller.adminApiAccounts.create({ name: "Monitoring", purpose: "", ownerEmail: admin.email }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already exists") });
    await expect(
      caller.adminApiAccounts.issueToken({ accountId: account.id, label: "x", scopes: [], expiresInDays: 1 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      caller.adminApiAccounts.issueToken({
        accountId: account.id,
        label: "x",
        scopes: ["READ_TICKETS"],
        expiresInDays: 9999,
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("is for administrators only", async () => {
    const agent = await createUser(db, { role: "AGENT" });
    await expect(callerFor(db, await signIn(db, agent.id)).adminApiAccounts.list()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("checking a token", () => {
  it("accepts a live token with its scopes, and dates its last use with the address", async () => {
    const { issued, account } = await accountWithToken();
    const check = await checkToken(db, issued.token, "203.0.113.7");
    expect(check).toEqual({
      status: "ok",
      caller: {
        tokenId: issued.id,
        accountId: account.id,
        accountName: account.name,
        scopes: ["READ_TICKETS", "ACT_FOR_REQUESTERS"],
      },
      checkedAt: expect.any(Date),
    });
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row.lastUsedFrom).toBe("203.0.113.7");
    expect(Date.now() - row.lastUsedAt!.getTime()).toBeLessThan(60_000);
  });

  it("refuses malformed and unknown tokens", async () => {
    expect(await checkToken(db, "not a token", null)).toEqual({ status: "malformed" });
    expect(await checkToken(db, `sdk_${"A".repeat(32)}`, null)).toEqual({ status: "unknown" });
  });

  it("refuses a revoked token on the very next request", async () => {
    const { issued, caller } = await accountWithToken();
    expect((await checkToken(db, issued.token, null)).status).toBe("ok");
    await caller.adminApiAccounts.revokeToken({ id: issued.id });
    expect(await checkToken(db, issued.token, null)).toEqual({ status: "revoked" });
    await expect(caller.adminApiAccounts.revokeToken({ id: issued.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses an expired token, and every token of a disabled account", async () => {
    const { issued, caller, account } = await accountWithToken();
    await db.$executeRaw`update "ApiToken" set "expiresAt" = now() - interval '1 second' where id = ${issued.id}`;
    expect(await checkToken(db, issued.token, null)).toEqual({ status: "expired" });

    const other = await accountWithToken();
    await caller.adminApiAccounts.setDisabled({ accountId: other.account.id, disabled: true });
    expect(await checkToken(db, other.issued.token, null)).toEqual({ status: "account-disabled" });
    await caller.adminApiAccounts.setDisabled({ accountId: other.account.id, disabled: false });
    expect((await checkToken(db, other.issued.token, null)).status).toBe("ok");
    expect(account.id).not.toBe(other.account.id);
  });

  it("limits requests per minute across concurrent requests, with the seconds to wait", async () => {
    const { issued } = await accountWithToken({ requestsPerMinute: 5 });
    // Start just after a minute boundary is not guaranteed: pin the window so the 8 requests share one.
    await db.$executeRaw`update "ApiToken" set "windowStart" = date_trunc('minute', now()), "windowCount" = 0
      where id = ${issued.id}`;
    const results = await Promise.all(Array.from({ length: 8 }, () => checkToken(db, issued.token, null)));
    const limited = results.filter((r) => r.status === "rate-limited");
    // Either all 8 fell in one minute (3 refused) or the minute turned over in between (fewer).
    expect(results.filter((r) => r.status === "ok").length).toBeGreaterThanOrEqual(5);
    if (limited.length) {
      expect(limited[0]).toMatchObject({ limit: 5, retryAfterSeconds: expect.any(Number) });
      const retry = (limited[0] as { retryAfterSeconds: number }).retryAfterSeconds;
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(60);
    }
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row.windowCount).toBeGreaterThan(0);
  });

  it("far below its limit, a token's count is written at most once a second, and none is lost", async () => {
    const { issued, caller } = await accountWithToken({ requestsPerMinute: 10_000 });
    await db.$executeRaw`update "ApiToken" set "windowStart" = date_trunc('minute', now()), "windowCount" = 0
      where id = ${issued.id}`;
    const row = () => db.apiToken.findUniqueOrThrow({ where: { id: issued.id } });
    expect((await checkToken(db, issued.token, null)).status).toBe("ok");
    const written = (await row()).windowCount;
    for (let i = 0; i < 5; i++) expect((await checkToken(db, issued.token, null)).status).toBe("ok");
    // Unless the minute turned over meanwhile, the five were counted here and not yet written.
    const minuteSame = async () =>
      (
        await db.$queryRaw<
          { same: boolean }[]
        >`select "windowStart" = date_trunc('minute', now()) as same from "ApiToken" where id = ${issued.id}`
      )[0]!.same;
    if (await minuteSame()) expect((await row()).windowCount).toBe(written);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await checkToken(db, issued.token, "203.0.113.8")).status).toBe("ok");
    if (await minuteSame()) expect((await row()).windowCount).toBe(written + 6);
    expect((await row()).lastUsedFrom).toBe("203.0.113.8");
    // Revoked between two batched checks: refused on the very next one.
    await caller.adminApiAccounts.revokeToken({ id: issued.id });
    expect(await checkToken(db, issued.token, null)).toEqual({ status: "revoked" });
  });

  it("a new minute starts a new window", async () => {
    const { issued } = await accountWithToken({ requestsPerMinute: 1 });
    await db.$executeRaw`update "ApiToken" set "windowStart" = date_trunc('minute', now()), "windowCount" = 1
      where id = ${issued.id}`;
    expect((await checkToken(db, issued.token, null)).status).toBe("rate-limited");
    await db.$executeRaw`update "ApiToken" set "windowStart" = date_trunc('minute', now()) - interval '1 minute'
      where id = ${issued.id}`;
    expect((await checkToken(db, issued.token, null)).status).toBe("ok");
  });
});
