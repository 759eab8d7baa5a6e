import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createUser, KNOWN_PASSWORD, signIn } from "@/test/factories";
import { appRequest, serveRoutesFrom, sessionCookie } from "@/test/http";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import { checkoutSeat } from "@/server/licensing/checkout";
import { endAuthSession, findValidSession } from "./auth-sessions";
import { verifyPassword } from "./password";
import { GET } from "@/app/api/auth/[...nextauth]/route";

/*
 * Sessions as OWASP ASVS 5.0 level 2 (V7) asks (issue 11, item 9): an inactivity timeout besides
 * the absolute lifetime, a self-service password change that ends the person's other sessions,
 * and /api/auth/session answering from the server-side session row.
 */

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  serveRoutesFrom(db);
});

const context = { params: Promise.resolve({ nextauth: ["session"] }) };

describe("idle timeout", () => {
  it("ends a session with no request for SESSION_IDLE_TIMEOUT_SECONDS, and keeps one in use", async () => {
    const user = await createUser(db);
    const idle = await signIn(db, user.id);
    const busy = await signIn(db, user.id);
    await db.$executeRaw`update "AuthSession" set "lastSeenAt" = now() - interval '3601 seconds' where id =
      ${idle.sessionId}`;
    await db.$executeRaw`update "AuthSession" set "lastSeenAt" = now() - interval '3500 seconds' where id =
      ${busy.sessionId}`;
    expect(await findValidSession(db, idle.sessionId)).toBeNull();
    expect(await findValidSession(db, busy.sessionId)).not.toBeNull();
    expect(await db.authSession.findUniqueOrThrow({ where: { id: idle.sessionId } })).toMatchObject({
      endReason: "idle timeout",
      endedAt: expect.any(Date),
    });
    // Seen again just now, the busy one has a fresh hour.
    const row = await db.authSession.findUniqueOrThrow({ where: { id: busy.sessionId } });
    expect(Date.now() - row.lastSeenAt.getTime()).toBeLessThan(60_000);
    // A shorter setting applies as given.
    expect(await findValidSession(db, busy.sessionId, 1)).not.toBeNull();
  });
});

describe("changing one's own password", () => {
  it("needs the current password, and names the field otherwise", async () => {
    const user = await createUser(db);
    const caller = callerFor(db, await signIn(db, user.id));
    await expect(
      caller.account.changePassword({
        currentPassword: "not-it",
        newPassword: "a-new-secret-1",
        confirmPassword: "a-new-secret-1",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "Your current password is not right." });
    await expect(
      caller.account.changePassword({
        currentPassword: KNOWN_PASSWORD,
        newPassword: "a-new-secret-1",
        confirmPassword: "other",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(row.passwordHash!, KNOWN_PASSWORD)).toBe(true);
  });

  it(
    "sets the new password and ends every other session of the person (and a seat one of them held), not " + "this one",
    async () => {
      const agent = await createNamedAgent(db);
      const here = await signIn(db, agent.id);
      const laptop = await signIn(db, agent.id);
      const phone = await signIn(db, agent.id);
      expect((await checkoutSeat(db, { userId: agent.id, authSessionId: laptop.sessionId })).status).toBe("granted");
      const result = await callerFor(db, here).account.changePassword({
        currentPassword: KNOWN_PASSWORD,
        newPassword: "a-new-secret-2",
        confirmPassword: "a-new-secret-2",
      });
      expect(result).toEqual({ otherSessionsEnded: 2, seatReleased: true });
      expect(await findValidSession(db, laptop.sessionId)).toBeNull();
      expect(await findValidSession(db, phone.sessionId)).toBeNull();
      expect(await findValidSession(db, here.sessionId)).not.toBeNull();
      const row = await db.user.findUniqueOrThrow({ where: { id: agent.id } });
      expect(await verifyPassword(row.passwordHash!, "a-new-secret-2")).toBe(true);
      expect(await verifyPassword(row.passwordHash!, KNOWN_PASSWORD)).toBe(false);
      expect(await db.seatLease.count({ where: { userId: agent.id, endedAt: null } })).toBe(0);
    },
  );

  it("is open to every signed-in role, and to no one signed out", async () => {
    await expect(
      callerFor(db, null).account.changePassword({
        currentPassword: "x",
        newPassword: "a-new-secret-3",
        confirmPassword: "a-new-secret-3",
      }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    for (const role of ["END_USER", "AGENT", "ADMIN", "REPORT_VIEWER"] as const) {
      const user = await createUser(db, { role });
      const result = await callerFor(db, await signIn(db, user.id)).account.changePassword({
        currentPassword: KNOWN_PASSWORD,
        newPassword: "a-new-secret-4",
        confirmPassword: "a-new-secret-4",
      });
      expect(result.otherSessionsEnded, role).toBe(0);
    }
  });
});

describe("GET /api/auth/session", () => {
  it("answers from the server-side session row: an ended session is no session, whatever the JWT says", async () => {
    const user = await createUser(db, { role: "AGENT" });
    const session = await signIn(db, user.id);
    const cookie = await sessionCookie(session);
    const ask = async () => (await GET(appRequest("/api/auth/session", { headers: { cookie } }), context)).json();
    expect(await ask()).toMatchObject({
      user: { id: user.id, email: user.email, role: "AGENT" },
      expires: session.expiresAt.toISOString(),
    });
    await endAuthSession(db, session.sessionId, "signed out elsewhere");
    expect(await ask()).toEqual({});
  });

  it("answers no session without a cookie", async () => {
    expect(await (await GET(appRequest("/api/auth/session"), context)).json()).toEqual({});
  });
});
