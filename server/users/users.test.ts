import { beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { ZodError, z } from "zod";
import { PrismaPg } from "@prisma/adapter-pg";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createPool, createPoolMembers, createUser, signIn } from "@/test/factories";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import { PrismaClient } from "@/server/db/generated/client";
import type { ValidSession } from "@/server/auth/auth-sessions";
import { findValidSession } from "@/server/auth/auth-sessions";
import { verifyPassword } from "@/server/auth/password";
import { checkoutSeat } from "@/server/licensing/checkout";
import { joinWaitingLine } from "@/server/licensing/waiting-line";
import { AppError } from "@/server/errors";
import { listUsers } from "./list-users";

let db: Db;
let url: string;
let admin: { id: string };
let adminSession: ValidSession;
beforeAll(async () => {
  ({ db, url } = await createTestDatabase());
  admin = await createUser(db, { role: "ADMIN", name: "Ada Admin" });
  adminSession = await signIn(db, admin.id);
});

const asAdmin = () => callerFor(db, adminSession);
/** What the next HTTP request of this session would get: the row is checked again. */
const nextRequestOf = async (session: ValidSession) => callerFor(db, await findValidSession(db, session.sessionId));

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}
function zodFieldErrors(error: TRPCError): Record<string, string[] | undefined> {
  expect(error.code).toBe("BAD_REQUEST");
  expect(error.cause).toBeInstanceOf(ZodError);
  return z.flattenError(error.cause as ZodError).fieldErrors as Record<string, string[] | undefined>;
}
const lastLease = (userId: string) => db.seatLease.findFirstOrThrow({ where: { userId }, orderBy: { id: "desc" } });
const valid = { name: "Grace Hopper", role: "AGENT" as const, password: "long enough" };

describe("creating people", () => {
  it("stores the email lower-cased and the password as argon2id, and the person can be found", async () => {
    const { id } = await asAdmin().adminUsers.create({
      ...valid,
      email: "  Grace.Hopper@Example.ORG ",
      department: "Navy",
      jobCode: "",
      externalId: "",
    });
    const user = await db.user.findUniqueOrThrow({ where: { id } });
    expect(user).toMatchObject({
      email: "grace.hopper@example.org",
      role: "AGENT",
      active: true,
      department: "Navy",
      jobCode: null,
      externalId: null,
    });
    expect(user.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(user.passwordHash, "long enough")).toBe(true);
  });

  it("refuses a second account for the same email in any case, on the email field", async () => {
    await asAdmin().adminUsers.create({ ...valid, email: "dup@example.org" });
    const error = await rejection(asAdmin().adminUsers.create({ ...valid, email: "DUP@Example.org" }));
    expect(error.code).toBe("CONFLICT");
    expect(error.cause).toBeInstanceOf(AppError);
    expect((error.cause as AppError).field).toBe("email");
    expect(error.message).toContain("dup@example.org is already the email of Grace Hopper");
    expect(await db.user.count({ where: { email: "dup@example.org" } })).toBe(1);
  });

  it("refuses the loser of two simultaneous creations of one email with the same message", async () => {
    const results = await Promise.allSettled([
      asAdmin().adminUsers.create({ ...valid, email: "race@example.org" }),
      asAdmin().adminUsers.create({ ...valid, email: "RACE@example.org" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected")!.reason as TRPCError;
    expect(lost.code).toBe("CONFLICT");
    expect((lost.cause as AppError).field).toBe("email");
  });

  it("refuses a taken external ID on its field", async () => {
    await asAdmin().adminUsers.create({ ...valid, email: "ext1@example.org", externalId: "HR-1" });
    const error = await rejection(
      asAdmin().adminUsers.create({ ...valid, email: "ext2@example.org", externalId: "HR-1" }),
    );
    expect(error.code).toBe("CONFLICT");
    expect((error.cause as AppError).field).toBe("externalId");
  });

  it("is backed by the database: an upper-case email cannot be stored at all", async () => {
    await expect(
      db.user.create({ data: { email: "Upper@Example.org", name: "X", passwordHash: "x" } }),
    ).rejects.toThrow();
  });

  it("explains invalid input field by field", async () => {
    const error = await rejection(
      asAdmin().adminUsers.create({ email: "not-an-email", name: "  ", role: "AGENT", password: "short" }),
    );
    const fields = zodFieldErrors(error);
    expect(fields.email).toEqual(["Enter a valid email address, like name@example.com"]);
    expect(fields.name).toEqual(["Enter a name"]);
    expect(fields.password).toEqual(["Use at least 8 characters"]);
    const roleError = await rejection(
      asAdmin().adminUsers.create({ ...valid, email: "r@example.org", role: "ROOT" as never }),
    );
    expect(zodFieldErrors(roleError).role).toEqual(["Choose a role"]);
  });
});

describe("listing people", () => {
  it("searches name and email case-insensitively and filters by role and active", async () => {
    const tag = `zeta${Date.now()}`;
    const a = await createUser(db, { role: "AGENT", name: `Zed ${tag} Agent` });
    const e = await createUser(db, { role: "END_USER", email: `${tag}.user@example.org`, name: "Someone Else" });
    const off = await createUser(db, { role: "AGENT", name: `Zed ${tag} Gone`, active: false });
    const ids = async (input: Parameters<typeof listUsers>[1]) =>
      (await asAdmin().adminUsers.list({ ...input })).items.map((u) => u.id).sort();
    expect(await ids({ search: tag.toUpperCase() })).toEqual([a.id, e.id, off.id].sort());
    expect(await ids({ search: tag, role: "AGENT" })).toEqual([a.id, off.id].sort());
    expect(await ids({ search: tag, active: false })).toEqual([off.id]);
    expect(await ids({ search: tag, role: "ADMIN" })).toEqual([]);
  });

  it("finds %, _ and \\ as typed, not as LIKE wildcards", async () => {
    const tag = `lit${Date.now()}`;
    const underscore = await createUser(db, { name: `${tag} a_b` });
    await createUser(db, { name: `${tag} axb` }); // what "a_b" would match as a LIKE pattern
    const percent = await createUser(db, { name: `${tag} 100% sure` });
    const backslash = await createUser(db, { name: `${tag} ACME\\jdoe` });
    const ids = async (search: string) => (await asAdmin().adminUsers.list({ search })).items.map((u) => u.id).sort();
    expect(await ids(`${tag} a_b`)).toEqual([underscore.id]);
    expect(await ids(`${tag} a%b`)).toEqual([]);
    expect(await ids(`${tag} 100%`)).toEqual([percent.id]);
    expect(await ids(`${tag} acme\\`)).toEqual([backslash.id]);
  });

  it("pages with a cursor, in name order, without repeats or gaps", async () => {
    const tag = `page${Date.now()}`;
    for (let i = 0; i < 7; i++) await createUser(db, { name: `${tag} ${String.fromCharCode(97 + ((i * 3) % 7))}` });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await asAdmin().adminUsers.list({ search: tag, limit: 3, cursor });
      expect(page.total).toBe(7);
      seen.push(...page.items.map((u) => u.name));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(7);
  });

  it("shows each person's groups, license and seat in a fixed number of queries (no N+1)", async () => {
    const tag = `nplus${Date.now()}`;
    const group = await db.group.create({ data: { name: `Group ${tag}` } });
    const pool = await createPool(db, { size: 3, name: `Pool ${tag}` });
    const [pooled] = await createPoolMembers(db, pool.id, 1);
    await db.user.update({ where: { id: pooled!.id }, data: { name: `${tag} pooled` } });
    const named = await createNamedAgent(db);
    await db.user.update({ where: { id: named.id }, data: { name: `${tag} named` } });
    await db.groupMember.createMany({
      data: [
        { groupId: group.id, userId: pooled!.id },
        { groupId: group.id, userId: named.id },
      ],
    });
    await checkoutSeat(db, { userId: named.id });
    await signIn(db, named.id);

    const logged = new PrismaClient({
      adapter: new PrismaPg({ connectionString: url, max: 2 }),
      log: [{ emit: "event", level: "query" }],
    });
    let queries = 0;
    logged.$on("query", () => queries++);
    try {
      queries = 0;
      const page = await listUsers(logged, { search: tag });
      const small = queries;
      expect(small).toBeGreaterThan(0);
      expect(
        page.items.map((u) => [
          u.name,
          u.license?.kind,
          u.license?.pool?.name ?? null,
          u.groups.map((g) => g.name),
          u.holdsSeat,
          u.openSessions,
        ]),
      ).toEqual([
        [`${tag} named`, "NAMED", null, [`Group ${tag}`], true, 1],
        [`${tag} pooled`, "CONCURRENT", `Pool ${tag}`, [`Group ${tag}`], false, 0],
      ]);
      for (let i = 0; i < 12; i++) {
        const u = await createUser(db, { role: "AGENT", name: `${tag} more ${i}` });
        await db.groupMember.create({ data: { groupId: group.id, userId: u.id } });
      }
      queries = 0;
      expect((await listUsers(logged, { search: tag })).items).toHaveLength(14);
      expect(queries).toBe(small);
    } finally {
      await logged.$disconnect();
    }
  });
});

describe("disabling an account", () => {
  it("refuses the person's very next request and frees their seat for the next in line", async () => {
    const pool = await createPool(db, { size: 1 });
    const [holder, waiter] = await createPoolMembers(db, pool.id, 2);
    const holderSession = await signIn(db, holder!.id);
    const otherSession = await signIn(db, holder!.id);
    expect((await checkoutSeat(db, { userId: holder!.id, authSessionId: holderSession.sessionId })).status).toBe(
      "granted",
    );
    expect((await checkoutSeat(db, { userId: waiter!.id })).status).toBe("refused");
    await joinWaitingLine(db, waiter!.id);

    const result = await asAdmin().adminUsers.setActive({ id: holder!.id, active: false });
    expect(result).toEqual({ active: false, sessionsEnded: 2, seatReleased: true });

    expect(await findValidSession(db, holderSession.sessionId)).toBeNull();
    const error = await rejection((await nextRequestOf(holderSession)).me.get());
    expect(error.code).toBe("UNAUTHORIZED");
    expect(await findValidSession(db, otherSession.sessionId)).toBeNull();
    const sessions = await db.authSession.findMany({ where: { userId: holder!.id } });
    expect(sessions.map((s) => s.endReason)).toEqual(["account disabled", "account disabled"]);

    expect(await lastLease(holder!.id)).toMatchObject({ endReason: "ACCOUNT_DISABLED", endedById: admin.id });
    expect((await db.seatQueueEntry.findFirstOrThrow({ where: { userId: waiter!.id } })).reservedUntil).not.toBeNull();
    expect(
      await db.seatEvent.count({
        where: { type: "ADMIN_ACTION", userId: holder!.id, actorId: admin.id, reason: "account disabled" },
      }),
    ).toBe(1);
    expect((await checkoutSeat(db, { userId: holder!.id })).status).toBe("disabled");
  });

  it("takes the person out of a waiting line", async () => {
    const pool = await createPool(db, { size: 1 });
    const [holder, waiter] = await createPoolMembers(db, pool.id, 2);
    await checkoutSeat(db, { userId: holder!.id });
    await joinWaitingLine(db, waiter!.id);
    const result = await asAdmin().adminUsers.setActive({ id: waiter!.id, active: false });
    expect(result.seatReleased).toBe(false);
    expect(await db.seatQueueEntry.findFirstOrThrow({ where: { userId: waiter!.id } })).toMatchObject({
      outcome: "REMOVED",
    });
    expect(await db.seatQueueEntry.count({ where: { userId: waiter!.id, endedAt: null } })).toBe(0);
  });

  it("does not let an administrator disable themself", async () => {
    const error = await rejection(asAdmin().adminUsers.setActive({ id: admin.id, active: false }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe("You cannot disable your own account. Ask another administrator to do it.");
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).active).toBe(true);
  });

  it("enabling again lets the person sign in anew, but old sessions stay ended", async () => {
    const agent = await createNamedAgent(db);
    const before = await signIn(db, agent.id);
    await asAdmin().adminUsers.setActive({ id: agent.id, active: false });
    await asAdmin().adminUsers.setActive({ id: agent.id, active: true });
    expect(await findValidSession(db, before.sessionId)).toBeNull();
    const after = await signIn(db, agent.id);
    expect((await (await nextRequestOf(after)).me.get()).id).toBe(agent.id);
    expect(await db.seatAssignment.count({ where: { userId: agent.id } })).toBe(1);
  });
});

describe("signing someone out everywhere", () => {
  it("ends every session at once and releases the seat with reason ADMIN", async () => {
    const agent = await createNamedAgent(db);
    const s1 = await signIn(db, agent.id);
    const s2 = await signIn(db, agent.id);
    await checkoutSeat(db, { userId: agent.id, authSessionId: s1.sessionId });

    expect(await asAdmin().adminUsers.endSessions({ id: agent.id })).toEqual({ sessionsEnded: 2, seatReleased: true });
    expect((await rejection((await nextRequestOf(s1)).seat.status())).code).toBe("UNAUTHORIZED");
    expect(await findValidSession(db, s2.sessionId)).toBeNull();
    expect(await lastLease(agent.id)).toMatchObject({
      endReason: "ADMIN",
      endNote: "signed out by an administrator",
      endedById: admin.id,
    });
    // The account stays enabled: the person can sign in again.
    expect((await db.user.findUniqueOrThrow({ where: { id: agent.id } })).active).toBe(true);
    expect(await findValidSession(db, (await signIn(db, agent.id)).sessionId)).not.toBeNull();
  });
});

describe("setting a password", () => {
  it("replaces the password and ends the person's sessions", async () => {
    const person = await createUser(db, { role: "END_USER" });
    const session = await signIn(db, person.id);
    expect(await asAdmin().adminUsers.setPassword({ id: person.id, password: "brand new pass" })).toMatchObject({
      sessionsEnded: 1,
    });
    const hash = (await db.user.findUniqueOrThrow({ where: { id: person.id } })).passwordHash;
    expect(await verifyPassword(hash, "brand new pass")).toBe(true);
    expect(await verifyPassword(hash, "password")).toBe(false);
    expect((await rejection((await nextRequestOf(session)).me.get())).code).toBe("UNAUTHORIZED");
  });

  it("needs at least 8 characters", async () => {
    const person = await createUser(db);
    const error = await rejection(asAdmin().adminUsers.setPassword({ id: person.id, password: "1234567" }));
    expect(zodFieldErrors(error).password).toEqual(["Use at least 8 characters"]);
  });
});

describe("changing a role", () => {
  it("to end user removes the seat license, releases the seat and leaves assignment groups", async () => {
    const agent = await createNamedAgent(db);
    const session = await signIn(db, agent.id);
    await checkoutSeat(db, { userId: agent.id, authSessionId: session.sessionId });
    const group = await db.group.create({ data: { name: `Role change ${Date.now()}` } });
    await db.groupMember.create({ data: { groupId: group.id, userId: agent.id } });

    const result = await asAdmin().adminUsers.update({
      id: agent.id,
      name: "Now A Customer",
      role: "END_USER",
      department: "Sales",
    });
    expect(result).toEqual({ id: agent.id, licenseRemoved: true, groupsLeft: 1 });
    expect(await db.seatAssignment.findUnique({ where: { userId: agent.id } })).toBeNull();
    expect(await lastLease(agent.id)).toMatchObject({ endReason: "LICENSE_REMOVED", endedById: admin.id });
    expect(await db.groupMember.count({ where: { userId: agent.id } })).toBe(0);
    expect(
      await db.seatEvent.count({ where: { type: "ADMIN_ACTION", userId: agent.id, reason: "license removed" } }),
    ).toBe(1);

    // The role is read on every request: the console is closed to them at once, the portal open.
    const next = await nextRequestOf(session);
    expect((await rejection(next.seat.status())).code).toBe("FORBIDDEN");
    expect((await next.me.get()).role).toBe("END_USER");
  });

  it("to report viewer also removes the seat license and the groups: report viewers never hold a seat", async () => {
    const agent = await createNamedAgent(db);
    const group = await db.group.create({ data: { name: `Viewer change ${Date.now()}` } });
    await db.groupMember.create({ data: { groupId: group.id, userId: agent.id } });
    const result = await asAdmin().adminUsers.update({ id: agent.id, name: "Now The CFO", role: "REPORT_VIEWER" });
    expect(result).toEqual({ id: agent.id, licenseRemoved: true, groupsLeft: 1 });
    expect(await db.seatAssignment.findUnique({ where: { userId: agent.id } })).toBeNull();
  });

  it("between agent and admin keeps the license", async () => {
    const agent = await createNamedAgent(db);
    expect(await asAdmin().adminUsers.update({ id: agent.id, name: agent.name, role: "ADMIN" })).toMatchObject({
      licenseRemoved: false,
    });
    expect(await db.seatAssignment.count({ where: { userId: agent.id } })).toBe(1);
  });

  it("refuses to take away the acting administrator's own admin role", async () => {
    const error = await rejection(asAdmin().adminUsers.update({ id: admin.id, name: "Ada Admin", role: "AGENT" }));
    expect(error.code).toBe("FORBIDDEN");
    expect((error.cause as AppError).field).toBe("role");
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
  });

  it("refuses an external ID another person has", async () => {
    const a = await createUser(db);
    const b = await createUser(db);
    await asAdmin().adminUsers.update({ id: a.id, name: a.name, role: "END_USER", externalId: "EMP-42" });
    const error = await rejection(
      asAdmin().adminUsers.update({ id: b.id, name: b.name, role: "END_USER", externalId: "EMP-42" }),
    );
    expect(error.code).toBe("CONFLICT");
    expect((error.cause as AppError).field).toBe("externalId");
    expect(error.message).toContain(a.name);
  });
});
