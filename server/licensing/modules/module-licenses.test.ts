import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createUser, signIn } from "@/test/factories";
import { adminEvents, newAdmin, resetSeats } from "@/test/allocation";
import { devSignedLicense, installDevLicense } from "@/test/license";
import { callerFor } from "@/test/trpc";
import { refusal } from "@/test/tickets";
import type { Db } from "@/server/db/client";
import type { ValidSession } from "@/server/auth/auth-sessions";
import { router, createCallerFactory } from "@/server/trpc/init";
import { moduleProcedure } from "@/server/trpc/procedures";
import { createInnerContext } from "@/server/trpc/context";
import { installLicenseFile } from "../license-file/install";
import { assignModuleLicense, removeModuleLicense } from "./module-licenses";
import { moduleUsage } from "./module-usage";

/*
 * Exclusive module licenses (../../../shared/licensing.md): never more given out than the license
 * file grants (also when administrators race), one person's each, separate from the seat; working
 * a module needs both, reading its tickets neither.
 */

let db: Db;
let newClient: (max?: number) => Db;
beforeAll(async () => {
  ({ db, newClient } = await createTestDatabase());
  await resetSeats(db, { namedSeats: 0, concurrentSeats: 0 });
  await installDevLicense(db, { namedSeats: 50, concurrentSeats: 0, modules: { change: 2, problem: 1 } });
});

describe("assigning module licenses", () => {
  it("gives licenses up to what the file grants, then refuses with the numbers", async () => {
    const admin = await newAdmin(db);
    const [a, b, c] = [await createNamedAgent(db), await createNamedAgent(db), await createNamedAgent(db)];
    const first = admin.actor();
    expect(await assignModuleLicense(db, { userId: a.id, module: "change" }, first)).toEqual({ changed: true });
    // Holding it already is no second license.
    expect(await assignModuleLicense(db, { userId: a.id, module: "change" }, admin.actor())).toEqual({
      changed: false,
    });
    await assignModuleLicense(db, { userId: b.id, module: "change" }, admin.actor());
    const error = await refusal(assignModuleLicense(db, { userId: c.id, module: "change" }, admin.actor()));
    expect(error).toMatchObject({ code: "CONFLICT", field: "module", details: { assigned: 2, granted: 2 } });
    expect(error.message).toBe(
      `2 of 2 Change management licenses are assigned: free one, or install a license file granting more, ` +
        `before giving ${c.name} one.`,
    );
    expect(await db.moduleLicense.count({ where: { module: "change" } })).toBe(2);

    const [event] = await adminEvents(db, first.requestId!);
    expect(event).toMatchObject({
      userId: a.id,
      actorId: first.actorId,
      reason: "assigned by an administrator",
      details: { action: "moduleLicense.assign", module: "change", after: { module: "change" } },
    });

    const removal = admin.actor();
    expect(await removeModuleLicense(db, { userId: b.id, module: "change", reason: "left the CAB" }, removal)).toEqual({
      changed: true,
    });
    expect((await adminEvents(db, removal.requestId!))[0]).toMatchObject({
      reason: "left the CAB",
      details: { action: "moduleLicense.remove", before: { module: "change" } },
    });
    expect(await assignModuleLicense(db, { userId: c.id, module: "change" }, admin.actor())).toEqual({ changed: true });
  });

  it("gives licenses only to active agents and administrators", async () => {
    const endUser = await createUser(db);
    const disabled = await createUser(db, { role: "AGENT", active: false });
    expect((await refusal(assignModuleLicense(db, { userId: endUser.id, module: "problem" }))).message).toMatch(
      /is not an agent/,
    );
    expect((await refusal(assignModuleLicense(db, { userId: disabled.id, module: "problem" }))).message).toMatch(
      /account is disabled/,
    );
  });

  it("two administrators giving out the last license at once: one gets it, the other is told", async () => {
    await db.moduleLicense.deleteMany({ where: { module: "problem" } });
    for (let round = 0; round < 4; round++) {
      await db.moduleLicense.deleteMany({ where: { module: "problem" } });
      const [x, y] = [await createNamedAgent(db), await createNamedAgent(db)];
      const results = await Promise.allSettled([
        assignModuleLicense(newClient(1), { userId: x.id, module: "problem" }, { actorId: null }),
        assignModuleLicense(newClient(1), { userId: y.id, module: "problem" }, { actorId: null }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await db.moduleLicense.count({ where: { module: "problem" } })).toBe(1);
    }
  });

  it("is the seam for identity rules: no actor, the rule as the reason", async () => {
    await db.moduleLicense.deleteMany({ where: { module: "problem" } });
    const agent = await createNamedAgent(db);
    await assignModuleLicense(db, { userId: agent.id, module: "problem", reason: "rule: job code IT-PM" });
    const event = await db.seatEvent.findFirstOrThrow({
      where: { userId: agent.id, type: "ADMIN_ACTION" },
      orderBy: { id: "desc" },
    });
    expect(event).toMatchObject({ actorId: null, reason: "rule: job code IT-PM" });
  });

  it("refuses a license file granting fewer module licenses than are given out", async () => {
    const admin = await newAdmin(db);
    const error = await refusal(
      installLicenseFile(db, admin.actor(), {
        text: devSignedLicense({ namedSeats: 50, concurrentSeats: 0, modules: { change: 1, problem: 1 } }),
      }),
    );
    expect(error.message).toBe(
      "2 Change management licenses are assigned, but this license grants only 1. Remove 1 first.",
    );
  });
});

describe("working a module needs a seat and the module's license; reading needs neither", () => {
  type Person = { session: ValidSession; id: string; name: string };
  const people = {} as Record<"both" | "seatOnly" | "moduleOnly" | "neither", Person>;
  let requesterId: string;
  let changeTicketId: string;
  let changeTicketRef: string;

  beforeAll(async () => {
    await db.moduleLicense.deleteMany({});
    const make = async (seat: boolean, module: boolean): Promise<Person> => {
      const user = seat ? await createNamedAgent(db) : await createUser(db, { role: "AGENT" });
      if (module) await assignModuleLicense(db, { userId: user.id, module: "change" });
      return { session: await signIn(db, user.id), id: user.id, name: user.name };
    };
    people.both = await make(true, true);
    people.seatOnly = await make(true, false);
    people.moduleOnly = await make(false, true);
    people.neither = await make(false, false);
    requesterId = (await createUser(db)).id;
    const created = await callerFor(db, people.both.session).consoleTickets.create({
      type: "CHANGE",
      title: "Patch the VPN concentrator",
    });
    changeTicketId = created.id;
    changeTicketRef = created.displayNumber;
  });

  const errorOf = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );

  const version = async () => (await db.ticket.findUniqueOrThrow({ where: { id: changeTicketId } })).version;
  const doors = {
    "create a change": (c: ReturnType<typeof callerFor>) =>
      c.consoleTickets.create({ type: "CHANGE", title: "Another change", requesterId }),
    "change a change ticket": async (c: ReturnType<typeof callerFor>) =>
      c.consoleTickets.update({ id: changeTicketId, expectedVersion: await version(), changes: { impact: 2 } }),
    "comment on a change ticket": (c: ReturnType<typeof callerFor>) =>
      c.consoleTickets.comment({ ticketId: changeTicketId, body: "Scheduled for Friday", internal: true }),
  };

  for (const [door, call] of Object.entries(doors)) {
    it(`${door}: only with a seat and the license`, async () => {
      expect(await errorOf(call(callerFor(db, people.both.session)))).toBeNull();
      const noModule = await errorOf(call(callerFor(db, people.seatOnly.session)));
      expect(noModule).toMatchObject({ code: "FORBIDDEN" });
      expect(noModule?.message).toBe(
        "You have no Change management license, so you can read change tickets but not work them. Ask an " +
          "administrator for a Change management license.",
      );
      expect(await errorOf(call(callerFor(db, people.moduleOnly.session)))).toMatchObject({
        code: "FORBIDDEN",
        message: expect.stringContaining("You have no seat license"),
      });
      expect(await errorOf(call(callerFor(db, people.neither.session)))).toMatchObject({ code: "FORBIDDEN" });
    });
  }

  it("anyone in the console reads the module's tickets, licensed or not", async () => {
    for (const who of Object.values(people))
      await expect(callerFor(db, who.session).consoleTickets.get({ ref: changeTicketRef })).resolves.toBeTruthy();
  });

  it("other ticket types need no module license", async () => {
    await expect(
      callerFor(db, people.seatOnly.session).consoleTickets.create({ title: "Printer", requesterId }),
    ).resolves.toBeTruthy();
  });

  it(
    "moduleProcedure(module) is the same door for the module's own procedures, and marks the license " + "used",
    async () => {
      const moduleRouter = router({
        work: moduleProcedure("change").mutation(() => "worked"),
      });
      const caller = (who: Person) =>
        createCallerFactory(moduleRouter)(createInnerContext({ db, session: who.session }));
      expect(await caller(people.both).work()).toBe("worked");
      expect(await errorOf(caller(people.seatOnly).work())).toMatchObject({
        code: "FORBIDDEN",
        message: expect.stringContaining("You have no Change management license"),
      });
      expect(await errorOf(caller(people.moduleOnly).work())).toMatchObject({ code: "FORBIDDEN" });

      const usage = await moduleUsage(db, { module: "change" });
      expect(usage).toMatchObject({ granted: 2, assigned: 2, usedRecently: 1, unused: 1 });
      // Reclaim candidates first: the license never used.
      expect(usage.holders.map((h) => [h.userId, h.unused])).toEqual([
        [people.moduleOnly.id, true],
        [people.both.id, false],
      ]);
    },
  );
});
