import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createUser, signIn } from "@/test/factories";
import { giveModuleLicenses } from "@/test/license";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import type { ValidSession } from "@/server/auth/auth-sessions";
import { changesRouter } from "./changes";

/*
 * Every procedure of change management × every agent audience: with and without a seat, with and
 * without the change module's license. Reads need neither; every write needs both, refused by the
 * seat or the module door with its own message. Approvers need neither (approvals router).
 */

let db: Db;
type Who = "seatAndModule" | "seatOnly" | "moduleOnly" | "neither";
const sessions = {} as Record<Who, ValidSession>;
let changeId: string;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  const make = async (seat: boolean, module: boolean) => {
    const user = seat ? await createNamedAgent(db) : await createUser(db, { role: "AGENT" });
    if (module) await giveModuleLicenses(db, [user.id], ["change"]);
    return signIn(db, user.id);
  };
  sessions.seatAndModule = await make(true, true);
  sessions.seatOnly = await make(true, false);
  sessions.moduleOnly = await make(false, true);
  sessions.neither = await make(false, false);
  changeId = (await callerFor(db, sessions.seatAndModule).changes.create({ title: "Upgrade the core switch" })).id;
});

type Caller = ReturnType<typeof callerFor>["changes"];
const calls: Record<
  keyof typeof changesRouter._def.procedures,
  { write: boolean; call: (c: Caller) => Promise<unknown> }
> = {
  get: { write: false, call: (c) => c.get({ ticketId: changeId }) },
  calendar: { write: false, call: (c) => c.calendar({ from: new Date("2027-01-01"), to: new Date("2027-02-01") }) },
  create: { write: true, call: (c) => c.create({ title: "Another change" }) },
  start: { write: true, call: (c) => c.start({ ticketId: changeId }) },
  updatePlan: { write: true, call: (c) => c.updatePlan({ ticketId: changeId, risk: 3 }) },
  move: { write: true, call: (c) => c.move({ ticketId: changeId, to: "CANCELLED" }) },
  requestApprovalAgain: { write: true, call: (c) => c.requestApprovalAgain({ ticketId: changeId }) },
};

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as { code: string; message: string },
  );

describe("change management: every procedure × seat × module license", () => {
  it("lists every procedure of the router", () => {
    expect(Object.keys(calls).sort()).toEqual(Object.keys(changesRouter._def.procedures).sort());
  });

  for (const [name, { write, call }] of Object.entries(calls)) {
    it(`${name}: ${write ? "needs a seat and the change license" : "needs neither"}`, async () => {
      const outcome = async (who: Who) => errorOf(call(callerFor(db, sessions[who]).changes));
      const isDoorRefusal = (e: { message: string } | null) =>
        Boolean(e && /You have no Change management license|You have no seat license/.test(e.message));
      for (const who of ["moduleOnly", "neither", "seatOnly"] as const) {
        const error = await outcome(who);
        if (write) {
          expect(error, `${name} as ${who}`).toMatchObject({ code: "FORBIDDEN" });
          expect(isDoorRefusal(error), `${name} as ${who}: ${error?.message}`).toBe(true);
        } else expect(error, `${name} as ${who}`).toBeNull();
      }
      if (write && name !== "create") {
        expect((await outcome("seatOnly"))?.message).toMatch(/^You have no Change management license/);
        expect((await outcome("moduleOnly"))?.message).toMatch(/You have no seat license/);
      }
      // With both, the door lets the call through (the domain may still refuse it for its own reasons).
      expect(isDoorRefusal(await outcome("seatAndModule"))).toBe(false);
    });
  }
});

describe("approvers need no seat and no agent license", () => {
  it("a manager (end user) and a report viewer see what waits for them and decide", async () => {
    const [manager, cfo] = [await createUser(db), await createUser(db, { role: "REPORT_VIEWER" })];
    await db.changeApprovalPolicy.upsert({
      where: { kind: "NORMAL" },
      create: { kind: "NORMAL", mode: "ALL", approverIds: [manager.id, cfo.id] },
      update: { mode: "ALL", approverIds: [manager.id, cfo.id], groupId: null },
    });
    const agent = callerFor(db, sessions.seatAndModule).changes;
    const change = await agent.create({ title: "Move the data centre" });
    await agent.updatePlan({
      ticketId: change.id,
      plannedStart: new Date(Date.now() + 86_400_000),
      plannedEnd: new Date(Date.now() + 90_000_000),
    });
    await agent.move({ ticketId: change.id, to: "ASSESSMENT" });
    await agent.move({ ticketId: change.id, to: "AWAITING_APPROVAL" });

    for (const person of [manager, cfo]) {
      const approvals = callerFor(db, await signIn(db, person.id)).approvals;
      const waiting = await approvals.waiting({});
      expect(waiting.items.map((w) => w.displayNumber)).toEqual([change.displayNumber]);
      const detail = await approvals.get({ approvalId: waiting.items[0]!.approvalId });
      expect(detail).toMatchObject({ title: "Move the data centre", state: "PENDING" });
      await approvals.decide({ approvalId: waiting.items[0]!.approvalId, decision: "APPROVED", comment: "OK" });
      expect((await approvals.waiting({})).items).toEqual([]);
    }
    await expect(agent.move({ ticketId: change.id, to: "SCHEDULED" })).resolves.toMatchObject({ state: "SCHEDULED" });
    expect(await db.seatLease.count({ where: { userId: { in: [manager.id, cfo.id] } } })).toBe(0);

    // Someone else's approval is not found for a stranger.
    const stranger = callerFor(db, await signIn(db, (await createUser(db)).id)).approvals;
    const [any] = await db.changeApproval.findMany({ where: { ticketId: change.id }, take: 1 });
    expect(await errorOf(stranger.get({ approvalId: any!.id }))).toMatchObject({ code: "NOT_FOUND" });
  });
});
