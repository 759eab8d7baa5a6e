import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import type { Db } from "@/server/db/client";
import { createAuthSession, endAllSessionsOfUser, endAuthSession, findValidSession } from "./auth-sessions";

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

async function newSession(role: "END_USER" | "AGENT" | "ADMIN" = "AGENT") {
  const user = await createUser(db, { role });
  const sessionId = await createAuthSession(db, { userId: user.id, maxAgeSeconds: 3600 });
  return { user, sessionId };
}

describe("server-side sign-in sessions", () => {
  it("finds an open, unexpired session of an active person, with who they are", async () => {
    const { user, sessionId } = await newSession("ADMIN");
    const session = await findValidSession(db, sessionId);
    expect(session).toMatchObject({
      sessionId,
      user: { id: user.id, email: user.email, name: user.name, role: "ADMIN" },
      seatRequestedAt: null,
    });
  });

  it("reads the role from the database on every check, so a role change applies at once", async () => {
    const { user, sessionId } = await newSession("AGENT");
    await db.user.update({ where: { id: user.id }, data: { role: "END_USER" } });
    expect((await findValidSession(db, sessionId))?.user.role).toBe("END_USER");
  });

  it("does not accept an unknown session id", async () => {
    expect(await findValidSession(db, "no-such-session")).toBeNull();
  });

  it("does not accept an ended session, and ending one leaves the person's others open", async () => {
    const { user, sessionId } = await newSession();
    const other = await createAuthSession(db, { userId: user.id, maxAgeSeconds: 3600 });
    await endAuthSession(db, sessionId, "sign-out");
    expect(await findValidSession(db, sessionId)).toBeNull();
    expect(await findValidSession(db, other)).not.toBeNull();
    const row = await db.authSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(row.endReason).toBe("sign-out");
    expect(row.endedAt).not.toBeNull();
  });

  it("does not accept an expired session", async () => {
    const { sessionId } = await newSession();
    await db.$executeRaw`update "AuthSession" set "expiresAt" = now() - interval '1 second' where id = ${sessionId}`;
    expect(await findValidSession(db, sessionId)).toBeNull();
  });

  it("does not accept any session of a disabled person", async () => {
    const { user, sessionId } = await newSession();
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await findValidSession(db, sessionId)).toBeNull();
    // Enabling again revives a session that was never ended: disabling must end them too
    // (server/users: setUserActive), which is why it calls endAllSessionsOfUser.
    await db.user.update({ where: { id: user.id }, data: { active: true } });
    expect(await findValidSession(db, sessionId)).not.toBeNull();
  });

  it("ends every open session of a person at once, and only theirs", async () => {
    const { user, sessionId } = await newSession();
    const second = await createAuthSession(db, { userId: user.id, maxAgeSeconds: 3600 });
    const bystander = await newSession();
    expect(await endAllSessionsOfUser(db, user.id, "account disabled")).toBe(2);
    expect(await findValidSession(db, sessionId)).toBeNull();
    expect(await findValidSession(db, second)).toBeNull();
    expect(await findValidSession(db, bystander.sessionId)).not.toBeNull();
    // Already-ended sessions keep their first end reason.
    expect(await endAllSessionsOfUser(db, user.id, "again")).toBe(0);
    expect((await db.authSession.findUniqueOrThrow({ where: { id: second } })).endReason).toBe("account disabled");
  });

  it("refreshes lastSeenAt at most once a minute", async () => {
    const { sessionId } = await newSession();
    const lastSeen = async () =>
      (await db.authSession.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt.getTime();

    // Seen 30 s ago: a check does not write.
    await db.$executeRaw`update "AuthSession" set "lastSeenAt" = now() - interval '30 seconds' where id = ${sessionId}`;
    const recent = await lastSeen();
    await findValidSession(db, sessionId);
    expect(await lastSeen()).toBe(recent);

    // Seen over a minute ago: the check moves it to about now.
    await db.$executeRaw`update "AuthSession" set "lastSeenAt" = now() - interval '61 seconds' where id = ${sessionId}`;
    const stale = await lastSeen();
    await findValidSession(db, sessionId);
    const refreshed = await lastSeen();
    expect(refreshed - stale).toBeGreaterThanOrEqual(60_000);

    // And the check right after does not write again.
    await findValidSession(db, sessionId);
    expect(await lastSeen()).toBe(refreshed);
  });

  it("keeps the user agent and address short", async () => {
    const user = await createUser(db);
    const id = await createAuthSession(db, {
      userId: user.id,
      maxAgeSeconds: 60,
      userAgent: "x".repeat(1000),
      ipAddress: "1".repeat(100),
    });
    const row = await db.authSession.findUniqueOrThrow({ where: { id } });
    expect(row.userAgent).toHaveLength(300);
    expect(row.ipAddress).toHaveLength(64);
  });
});
