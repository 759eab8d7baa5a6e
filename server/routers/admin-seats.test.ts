import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createPool, createPoolMembers, createUser, signIn } from "@/test/factories";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import type { ValidSession } from "@/server/auth/auth-sessions";
import { checkoutSeat } from "@/server/licensing/checkout";

let db: Db;
let leaseId: string;
let holderId: string;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  const pool = await createPool(db, { size: 1 });
  const [holder] = await createPoolMembers(db, pool.id, 1);
  holderId = holder!.id;
  const granted = await checkoutSeat(db, { userId: holderId });
  if (granted.status !== "granted") throw new Error("expected a seat");
  leaseId = granted.leaseId.toString();
});

type Caller = ReturnType<typeof callerFor>;
const procedures: Record<string, (caller: Caller) => Promise<unknown>> = {
  board: (c) => c.adminSeats.board(),
  endLease: (c) => c.adminSeats.endLease({ leaseId, note: "trying" }),
  history: (c) => c.adminSeats.history({}),
};

describe("adminSeats router", () => {
  const refused: [string, "UNAUTHORIZED" | "FORBIDDEN", () => Promise<ValidSession | null>][] = [
    ["anonymous", "UNAUTHORIZED", async () => null],
    ["an end user", "FORBIDDEN", async () => signIn(db, (await createUser(db, { role: "END_USER" })).id)],
    ["a concurrent agent", "FORBIDDEN", async () => signIn(db, holderId)],
    ["a named agent", "FORBIDDEN", async () => signIn(db, (await createNamedAgent(db)).id)],
  ];

  for (const [who, code, session] of refused) {
    it(`refuses ${who} on every procedure`, async () => {
      const caller = callerFor(db, await session());
      for (const [name, call] of Object.entries(procedures)) {
        await expect(call(caller), name).rejects.toMatchObject({ code });
      }
      // Nothing was ended on the way.
      expect((await db.seatLease.findUniqueOrThrow({ where: { id: BigInt(leaseId) } })).endedAt).toBeNull();
    });
  }

  it("lets an administrator read the board and history and end a seat, without taking a seat", async () => {
    const admin = await createUser(db, { role: "ADMIN", name: "Ada Admin" });
    const caller = callerFor(db, await signIn(db, admin.id));

    const board = await caller.adminSeats.board();
    expect(board.pools.flatMap((p) => p.holders).map((h) => h.leaseId)).toContain(leaseId);

    await expect(caller.adminSeats.endLease({ leaseId, note: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const ended = await caller.adminSeats.endLease({ leaseId, note: "Holiday cover" });
    expect(ended).toMatchObject({ leaseId, userId: holderId });
    await expect(caller.adminSeats.endLease({ leaseId, note: "again" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/already released/),
    });

    const history = await caller.adminSeats.history({ types: ["RELEASED"], limit: 10 });
    expect(history.items[0]).toMatchObject({
      leaseId,
      reason: "ADMIN",
      actorName: "Ada Admin",
      summary: "Ended by Ada Admin: Holiday cover",
    });
    await expect(
      caller.adminSeats.history({ from: new Date("2030-01-02"), to: new Date("2030-01-01") }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });

    expect(await db.seatLease.count({ where: { userId: admin.id } })).toBe(0);
  });
});
