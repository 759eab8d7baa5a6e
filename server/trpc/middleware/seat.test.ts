import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createPool, createPoolMembers, createUser, signIn } from "@/test/factories";
import type { Db } from "@/server/db/client";
import type { ValidSession } from "@/server/auth/auth-sessions";
import { AppError } from "@/server/errors";
import { checkoutSeat } from "@/server/licensing/checkout";
import { releaseLeaseOfUser } from "@/server/licensing/release";
import { createCallerFactory, router } from "../init";
import { createInnerContext } from "../context";
import { agentProcedure, seatedProcedure } from "../procedures";

/*
 * Seat licensing in the request path, through the real procedure builders: the first agent call
 * of a sign-in takes a seat, reads need none (read-only console), writes need a live seat checked
 * in their own transaction, and an administrator's ending is said plainly.
 */

const testRouter = router({
  read: agentProcedure.query(({ ctx }) => ({ userId: ctx.session.user.id })),
  write: seatedProcedure
    .input(z.object({ name: z.string(), failAfterWriting: z.boolean().optional() }))
    .mutation(async ({ ctx, input }) => {
      const group = await ctx.db.group.create({ data: { name: input.name } });
      if (input.failAfterWriting) throw new AppError("CONFLICT", "Refused after writing.");
      return { groupId: group.id };
    }),
});
const createCaller = createCallerFactory(testRouter);

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

function callerFor(session: ValidSession | null, requestId: string = randomUUID()) {
  return createCaller(createInnerContext({ db, session, requestId }));
}

const groupName = () => `seat-mw-${randomBytes(4).toString("hex")}`;
const groupExists = async (name: string) => (await db.group.count({ where: { name } })) === 1;

async function fullPool(size: number) {
  const pool = await createPool(db, { size });
  const holders = await createPoolMembers(db, pool.id, size);
  for (const h of holders) expect((await checkoutSeat(db, { userId: h.id })).status).toBe("granted");
  return { pool, holders };
}

describe("the first agent call of a sign-in session takes a seat", () => {
  it("checks a seat out for that session", async () => {
    const pool = await createPool(db, { size: 2 });
    const [agent] = await createPoolMembers(db, pool.id, 1);
    const session = await signIn(db, agent!.id);
    await callerFor(session, "first-call").read();
    expect(await db.seatLease.findFirst({ where: { userId: agent!.id, endedAt: null } })).toMatchObject({
      poolId: pool.id,
      authSessionId: session.sessionId,
    });
    expect(await db.seatEvent.findFirstOrThrow({ where: { requestId: "first-call" } })).toMatchObject({
      type: "GRANTED",
      userId: agent!.id,
    });
    expect(
      (await db.authSession.findUniqueOrThrow({ where: { id: session.sessionId } })).seatRequestedAt,
    ).not.toBeNull();
  });

  it("checks out only once when the first calls arrive together", async () => {
    const pool = await createPool(db, { size: 2 });
    const [agent] = await createPoolMembers(db, pool.id, 1);
    const session = await signIn(db, agent!.id);
    await Promise.all(Array.from({ length: 6 }, (_, i) => callerFor(session, `together-${i}`).read()));
    expect(await db.seatLease.count({ where: { userId: agent!.id } })).toBe(1);
    expect(await db.seatEvent.count({ where: { userId: agent!.id, type: "GRANTED" } })).toBe(1);
  });

  it("asks once, not on every call: parallel first calls into a full pool are refused once", async () => {
    const { pool } = await fullPool(1);
    const [agent] = await createPoolMembers(db, pool.id, 1);
    const session = await signIn(db, agent!.id);
    await Promise.all(Array.from({ length: 6 }, () => callerFor(session).read()));
    await callerFor(session).read();
    expect(await db.seatEvent.count({ where: { userId: agent!.id, type: "REFUSED" } })).toBe(1);
  });
});

describe("parallel writes", () => {
  it("five tabs writing first at once all succeed on one lease", async () => {
    const pool = await createPool(db, { size: 1 });
    const [agent] = await createPoolMembers(db, pool.id, 1);
    const session = await signIn(db, agent!.id);
    const names = Array.from({ length: 5 }, groupName);
    const results = await Promise.allSettled(names.map((name) => callerFor(session).write({ name })));
    expect(results.map((r) => r.status)).toEqual(names.map(() => "fulfilled"));
    for (const name of names) expect(await groupExists(name)).toBe(true);
    expect(await db.seatLease.count({ where: { userId: agent!.id } })).toBe(1);
  });
});

describe("without a seat the console is read-only", () => {
  it("lets a pooled agent read, and refuses the write naming the pool and N of N", async () => {
    const { pool } = await fullPool(2);
    const [agent] = await createPoolMembers(db, pool.id, 1);
    const caller = callerFor(await signIn(db, agent!.id));
    await expect(caller.read()).resolves.toEqual({ userId: agent!.id });

    const name = groupName();
    const error = await caller.write({ name }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "PRECONDITION_FAILED" });
    expect((error as Error).message).toContain(`"${pool.name}"`);
    expect((error as Error).message).toContain("2 of 2");
    expect(await groupExists(name)).toBe(false);
    expect(await db.seatLease.count({ where: { poolId: pool.id, endedAt: null } })).toBe(2);
  });

  it(
    "gives the write a seat when one is free (the agent's first call was refused, a colleague left " + "since)",
    async () => {
      const { pool, holders } = await fullPool(1);
      const [agent] = await createPoolMembers(db, pool.id, 1);
      const caller = callerFor(await signIn(db, agent!.id));
      await caller.read();
      await releaseLeaseOfUser(db, { userId: holders[0]!.id, reason: "SIGN_OUT" });
      const name = groupName();
      await expect(caller.write({ name })).resolves.toMatchObject({ groupId: expect.any(String) });
      expect(await groupExists(name)).toBe(true);
      expect(await db.seatLease.count({ where: { userId: agent!.id, endedAt: null } })).toBe(1);
    },
  );

  it("a named agent writes even while every pool is full", async () => {
    await fullPool(1);
    const named = await createNamedAgent(db);
    const name = groupName();
    await expect(callerFor(await signIn(db, named.id)).write({ name })).resolves.toBeDefined();
    expect(await groupExists(name)).toBe(true);
  });
});

describe("a write and its seat fence share one transaction", () => {
  it("rolls the write back when the procedure fails after writing, and reports its error", async () => {
    const named = await createNamedAgent(db);
    const caller = callerFor(await signIn(db, named.id));
    const name = groupName();
    await expect(caller.write({ name, failAfterWriting: true })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Refused after writing.",
    });
    expect(await groupExists(name)).toBe(false);
  });

  it("counts the write as activity", async () => {
    const named = await createNamedAgent(db);
    const caller = callerFor(await signIn(db, named.id));
    await caller.read();
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '10 minutes' where "userId" =
      ${named.id} and "endedAt" is null`;
    await caller.write({ name: groupName() });
    const lease = await db.seatLease.findFirstOrThrow({ where: { userId: named.id, endedAt: null } });
    expect(Date.now() - lease.lastActivityAt.getTime()).toBeLessThan(60_000);
  });
});

describe("after a seat ended", () => {
  it(
    "after an administrator ended it, the next write says so instead of taking a seat; taking a seat " +
      "acknowledges it",
    async () => {
      const pool = await createPool(db, { size: 2 });
      const [agent] = await createPoolMembers(db, pool.id, 1);
      const admin = await createUser(db, { role: "ADMIN" });
      const caller = callerFor(await signIn(db, agent!.id));
      await caller.write({ name: groupName() });
      await releaseLeaseOfUser(db, {
        userId: agent!.id,
        reason: "ADMIN",
        actorId: admin.id,
        note: "audit in progress",
      });

      const name = groupName();
      const error = await caller.write({ name }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "PRECONDITION_FAILED" });
      expect((error as Error).message).toContain("administrator");
      expect((error as Error).message).toContain("audit in progress");
      expect(await groupExists(name)).toBe(false);
      expect(await db.seatLease.count({ where: { userId: agent!.id, endedAt: null } })).toBe(0);
      // Reading still works.
      await expect(caller.read()).resolves.toEqual({ userId: agent!.id });

      expect(await checkoutSeat(db, { userId: agent!.id })).toMatchObject({ status: "granted" });
      await expect(caller.write({ name })).resolves.toBeDefined();
      expect(await groupExists(name)).toBe(true);
    },
  );

  it(
    "an explicit checkout refused for a full pool still acknowledges the ending: writes then say the " + "pool is full",
    async () => {
      const { pool, holders } = await fullPool(1);
      const [agent] = await createPoolMembers(db, pool.id, 1);
      const caller = callerFor(await signIn(db, agent!.id));
      await releaseLeaseOfUser(db, { userId: holders[0]!.id, reason: "SIGN_OUT" });
      await caller.write({ name: groupName() });
      await releaseLeaseOfUser(db, { userId: agent!.id, reason: "ADMIN", note: "make room" });
      expect(await checkoutSeat(db, { userId: holders[0]!.id })).toMatchObject({ status: "granted" });

      expect(await checkoutSeat(db, { userId: agent!.id })).toMatchObject({ status: "refused" });
      const error = await caller.write({ name: groupName() }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringContaining("1 of 1") });
      expect((error as Error).message).not.toContain("administrator");
      // And when the seat frees, the next write takes it without another click.
      await releaseLeaseOfUser(db, { userId: holders[0]!.id, reason: "SIGN_OUT" });
      await expect(caller.write({ name: groupName() })).resolves.toBeDefined();
    },
  );

  it("an administrator's ending in an earlier sign-in does not stand in the way of a new one", async () => {
    const { pool, holders } = await fullPool(1);
    const [agent] = await createPoolMembers(db, pool.id, 1);
    await releaseLeaseOfUser(db, { userId: holders[0]!.id, reason: "SIGN_OUT" });
    await callerFor(await signIn(db, agent!.id)).write({ name: groupName() });
    await releaseLeaseOfUser(db, { userId: agent!.id, reason: "ADMIN", note: "yesterday" });
    expect(await checkoutSeat(db, { userId: holders[0]!.id })).toMatchObject({ status: "granted" });

    // The next day: signing in (the first call is refused, the pool is full), then a seat frees.
    const caller = callerFor(await signIn(db, agent!.id));
    await caller.read();
    await releaseLeaseOfUser(db, { userId: holders[0]!.id, reason: "SIGN_OUT" });
    const name = groupName();
    await expect(caller.write({ name })).resolves.toBeDefined();
    expect(await groupExists(name)).toBe(true);
  });

  it("after the idle timeout, a write transparently takes a seat again when one is free", async () => {
    const pool = await createPool(db, { size: 1, idleTimeoutSeconds: 600 });
    const [agent] = await createPoolMembers(db, pool.id, 1);
    const caller = callerFor(await signIn(db, agent!.id));
    await caller.read();
    const first = await db.seatLease.findFirstOrThrow({ where: { userId: agent!.id } });
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '601 seconds' where id =
      ${first.id}`;

    const name = groupName();
    await expect(caller.write({ name })).resolves.toBeDefined();
    expect(await groupExists(name)).toBe(true);
    expect(await db.seatLease.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ endReason: "IDLE" });
    expect(await db.seatLease.count({ where: { userId: agent!.id, endedAt: null } })).toBe(1);
  });

  it("after the idle timeout, a write is refused when a colleague took the seat meanwhile", async () => {
    const pool = await createPool(db, { size: 1, idleTimeoutSeconds: 600 });
    const [agent, colleague] = await createPoolMembers(db, pool.id, 2);
    const caller = callerFor(await signIn(db, agent!.id));
    await caller.read();
    await db.$executeRaw`update "SeatLease" set "lastActivityAt" = now() - interval '601 seconds' where "userId"
      = ${agent!.id}`;
    expect((await checkoutSeat(db, { userId: colleague!.id })).status).toBe("granted");

    const name = groupName();
    await expect(caller.write({ name })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("1 of 1"),
    });
    expect(await groupExists(name)).toBe(false);
  });
});

describe("who may call", () => {
  it("end users get FORBIDDEN, and hold no seat", async () => {
    const endUser = await createUser(db, { role: "END_USER" });
    const caller = callerFor(await signIn(db, endUser.id));
    await expect(caller.read()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.write({ name: groupName() })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.seatLease.count({ where: { userId: endUser.id } })).toBe(0);
  });

  it("nobody signed in gets UNAUTHORIZED", async () => {
    await expect(callerFor(null).read()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("an administrator without a seat license reads, but cannot change tickets", async () => {
    const admin = await createUser(db, { role: "ADMIN" });
    const caller = callerFor(await signIn(db, admin.id));
    await expect(caller.read()).resolves.toEqual({ userId: admin.id });
    await expect(caller.write({ name: groupName() })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("no seat license"),
    });
    expect(await db.seatLease.count({ where: { userId: admin.id } })).toBe(0);
  });
});
