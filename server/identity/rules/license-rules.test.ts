import { beforeEach, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createTestDatabase } from "@/test/db";
import { createPool, createUser, signIn } from "@/test/factories";
import { resetSeats } from "@/test/allocation";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import type { LicenseRuleInput } from "@/lib/validation/license-rules";
import { installDevLicense } from "@/test/license";
import { applyLicenseRules } from "./apply";

/*
 * License rules through the adminLicenseRules procedures, on a real database: the preview says
 * what saving does (and who gets no named seat), saving applies it with the rule named in the seat
 * history and the audit log, pins are skipped, a job code that no longer qualifies ends the seat.
 */

let db: Db;
let adminId: string;
let admin: ReturnType<typeof callerFor>["adminLicenseRules"];
let poolId: string;

const rule = (
  r: Partial<LicenseRuleInput> & Pick<LicenseRuleInput, "name" | "role" | "license">,
): LicenseRuleInput => ({
  enabled: true,
  jobCodes: [],
  departments: [],
  groups: [],
  employeeTypes: [],
  poolId: null,
  modules: [],
  ...r,
});

let run = 0;
async function person(jobCode: string, email: string, role: "END_USER" | "AGENT" = "END_USER") {
  const p = await createUser(db, { role, email: `${run}-${email}` });
  await db.user.update({ where: { id: p.id }, data: { jobCode, department: "IT" } });
  return p;
}

const licenseOf = async (userId: string) => (await db.seatAssignment.findUnique({ where: { userId } }))?.kind ?? "NONE";

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  const a = await createUser(db, { role: "ADMIN" });
  adminId = a.id;
  admin = callerFor(db, await signIn(db, a.id)).adminLicenseRules;
});

beforeEach(async () => {
  await resetSeats(db, { namedSeats: 2, concurrentSeats: 4 });
  await db.licenseRule.deleteMany({});
  await db.userIdentity.deleteMany({});
  // People of earlier tests stay (the audit log keeps them), disabled: the rules skip them.
  await db.user.updateMany({ where: { id: { not: adminId } }, data: { active: false } });
  run++;
  poolId = (await createPool(db, { size: 2, name: `Specialists ${Date.now()}` })).id;
});

describe("license rules", () => {
  it("previews over-allocation with the stated tie-break, then saves and applies it naming the rule", async () => {
    const c = await person("IT-SD", "c@acme.test");
    const a = await person("IT-SD", "a@acme.test");
    const b = await person("IT-SD", "b@acme.test", "AGENT");
    await db.seatAssignment.create({ data: { userId: b.id, kind: "NAMED" } }); // b holds a named seat now
    const s = await person("IT-SPEC", "s@acme.test");
    const rules = [
      rule({ name: "Desk", jobCodes: ["it-sd"], role: "AGENT", license: "NAMED" }),
      rule({ name: "Specialists", jobCodes: ["IT-SP*"], role: "AGENT", license: "CONCURRENT", poolId }),
    ];

    const preview = await admin.preview({ rules });
    expect(preview.named).toMatchObject({ owned: 2, requested: 3, granted: 2 });
    // b holds one already and keeps it; a before c by email.
    expect(preview.named.withoutSeat.map((p) => p.email)).toEqual([`${run}-c@acme.test`]);
    expect(preview.totalChanges).toBe(3); // b keeps what they have
    expect(preview.changes.find((x) => x.person.id === s.id)).toMatchObject({
      rule: "Specialists",
      after: { role: "AGENT", license: { kind: "CONCURRENT" } },
    });
    // The preview wrote nothing.
    expect(await licenseOf(a.id)).toBe("NONE");

    const result = await admin.save({ rules });
    expect(result).toMatchObject({ changed: 3, withoutNamedSeat: 1 });
    expect(await licenseOf(a.id)).toBe("NAMED");
    expect(await licenseOf(b.id)).toBe("NAMED");
    expect(await licenseOf(c.id)).toBe("NONE");
    expect(await licenseOf(s.id)).toBe("CONCURRENT");
    expect((await db.user.findUniqueOrThrow({ where: { id: c.id } })).role).toBe("AGENT");

    const event = await db.seatEvent.findFirstOrThrow({ where: { userId: a.id, type: "ADMIN_ACTION" } });
    expect(event.reason).toBe("license rule “Desk”");
    const audit = await db.adminAuditEvent.findMany({ where: { action: "licenseRules.decided" } });
    expect(audit.map((e) => (e.input as { rule: string }).rule).sort()).toEqual(["Desk", "Desk", "Specialists"]);
    // Applying again changes nothing.
    expect(await admin.applyToEveryone({})).toMatchObject({ changed: 0 });
  });

  it("skips pinned people, and shows who is pinned and why", async () => {
    const p = await person("IT-SD", "pinned@acme.test");
    await admin.pin({ userId: p.id, reason: "contractor until March" });
    await admin.save({ rules: [rule({ name: "Desk", jobCodes: ["IT-SD"], role: "AGENT", license: "NAMED" })] });
    expect(await licenseOf(p.id)).toBe("NONE");
    const pinned = await admin.pinned({});
    expect(pinned.items).toMatchObject([{ id: p.id, reason: "contractor until March" }]);
    await admin.unpin({ userId: p.id });
    await admin.applyToEveryone({});
    expect(await licenseOf(p.id)).toBe("NAMED");
  });

  it(
    "ends the seat license at once when a job code no longer qualifies, and leaves people no rule " + "decided alone",
    async () => {
      const p = await person("IT-SD", "mover@acme.test");
      const handMade = await person("IT-OPS", "hand@acme.test", "AGENT");
      await db.seatAssignment.create({ data: { userId: handMade.id, kind: "CONCURRENT", poolId } });
      await admin.save({ rules: [rule({ name: "Desk", jobCodes: ["IT-SD"], role: "AGENT", license: "NAMED" })] });
      const actor = { actorId: null, requestId: "req-hr", source: "provisioning" };
      const session = await signIn(db, p.id);
      await callerFor(db, session).seat.checkout();
      expect(await db.seatLease.count({ where: { userId: p.id, endedAt: null } })).toBe(1);

      await db.user.update({ where: { id: p.id }, data: { jobCode: "FIN-ACC" } });
      await applyLicenseRules(db, actor, { userIds: [p.id] });
      const after = await db.user.findUniqueOrThrow({ where: { id: p.id }, include: { seatAssignment: true } });
      expect(after.role).toBe("END_USER");
      expect(after.seatAssignment).toBeNull();
      const lease = await db.seatLease.findFirstOrThrow({ where: { userId: p.id } });
      expect(lease.endReason).toBe("LICENSE_REMOVED");
      expect(lease.endNote).toContain("no license rule matches any more");
      // The hand-made agent is matched by no rule and was never decided by one: untouched.
      expect(await licenseOf(handMade.id)).toBe("CONCURRENT");
    },
  );

  it("asks before making anyone an administrator, and never takes the applying administrator's role", async () => {
    await person("IT-SD", "x@acme.test");
    const everyoneAdmin = [rule({ name: "Everyone", role: "ADMIN", license: "NONE" })];
    const preview = await admin.preview({ rules: everyoneAdmin });
    expect(preview.adminGains.map((p) => p.email)).toEqual([`${run}-x@acme.test`]);
    const refused = await admin.save({ rules: everyoneAdmin }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).message).toMatch(/1 person an administrator.*Confirm/);
    expect(await db.licenseRule.count()).toBe(0); // nothing half-applied
    await admin.save({ rules: everyoneAdmin, confirmAdminGrant: true });
    expect(await db.user.count({ where: { role: "ADMIN", active: true } })).toBe(2);

    const demote = [rule({ name: "Nobody admin", role: "END_USER", license: "NONE" })];
    const p2 = await admin.preview({ rules: demote });
    expect(p2.skipped.other).toMatchObject([{ person: { id: adminId }, why: expect.stringMatching(/your own/) }]);
  });

  it("refuses a rule naming a pool that does not exist, or a seat for end users, with the rule's number", async () => {
    const unknown = await admin
      .save({ rules: [rule({ name: "Ghost", role: "AGENT", license: "CONCURRENT", poolId: "nope" })] })
      .catch((e: unknown) => e as TRPCError);
    expect(unknown).toBeInstanceOf(TRPCError);
    expect((unknown as TRPCError).message).toMatch(/Rule 1 \(“Ghost”\) gives a place in a pool that does not exist/);
    const seatless = await admin
      .preview({ rules: [rule({ name: "Portal", role: "END_USER", license: "NAMED" })] })
      .catch((e: unknown) => e as TRPCError);
    expect((seatless as TRPCError).code).toBe("BAD_REQUEST");
    expect((seatless as TRPCError).message).toMatch(/Rule 1 \(“Portal”\): end users and report viewers never hold/);
  });

  it(
    "gives module licenses by rule within what the license " + "file grants, with the tie-break, naming the rule",
    async () => {
      await installDevLicense(db, { namedSeats: 2, concurrentSeats: 4, modules: { change: 2, problem: 1 } });
      await resetSeats(db, { namedSeats: 2, concurrentSeats: 4 });
      await db.moduleLicense.deleteMany({});
      const a = await person("IT-CHG", "a@acme.test", "AGENT");
      const b = await person("IT-CHG", "b@acme.test", "AGENT");
      const c = await person("IT-CHG", "c@acme.test", "AGENT");
      const pinned = await person("IT-CHG", "pinned@acme.test", "AGENT");
      await db.moduleLicense.create({ data: { userId: c.id, module: "change", reason: "by hand" } }); // c holds one now
      await admin.pin({ userId: pinned.id, reason: "on leave" });
      const rules = [
        rule({
          name: "Change team",
          jobCodes: ["IT-CHG"],
          role: "AGENT",
          license: "NONE",
          modules: ["change", "problem"],
        }),
      ];
      const modulesOf = async (userId: string) =>
        (await db.moduleLicense.findMany({ where: { userId }, orderBy: { module: "asc" } })).map((m) => m.module);

      const preview = await admin.preview({ rules });
      // change: 2 granted; c holds one now and keeps it, then a before b by email.
      expect(preview.modules.change).toMatchObject({ owned: 2, requested: 3, granted: 2, gains: 1, losses: 0 });
      expect(preview.modules.change.without.map((p) => p.id)).toEqual([b.id]);
      // problem: 1 granted, nobody holds one: a by email.
      expect(preview.modules.problem).toMatchObject({ owned: 1, requested: 3, granted: 1 });
      expect(preview.modules.problem.without.map((p) => p.id)).toEqual([b.id, c.id]);
      expect(preview.changes.find((x) => x.person.id === a.id)).toMatchObject({
        before: { modules: [] },
        after: { role: "AGENT", modules: ["change", "problem"] },
      });
      expect(preview.changes.some((x) => x.person.id === pinned.id)).toBe(false);

      const result = await admin.save({ rules });
      expect(result).toMatchObject({ withoutModuleLicense: 3 });
      expect(await modulesOf(a.id)).toEqual(["change", "problem"]);
      expect(await modulesOf(b.id)).toEqual([]);
      expect(await modulesOf(c.id)).toEqual(["change"]);
      expect(await modulesOf(pinned.id)).toEqual([]);
      const events = await db.seatEvent.findMany({ where: { userId: a.id, type: "ADMIN_ACTION" } });
      expect(events.map((e) => e.reason)).toEqual(["license rule “Change team”", "license rule “Change team”"]);
      const audit = await db.adminAuditEvent.findFirstOrThrow({
        where: { action: "licenseRules.decided", input: { path: ["userId"], equals: a.id } },
      });
      expect(audit.input).toMatchObject({ rule: "Change team", after: { modules: ["change", "problem"] } });

      // a's job code no longer qualifies: their module licenses go back, and the next application hands them on.
      await db.user.update({ where: { id: a.id }, data: { jobCode: "FIN-ACC" } });
      await applyLicenseRules(db, { actorId: null, source: "provisioning" }, { userIds: [a.id] });
      expect(await modulesOf(a.id)).toEqual([]);
      const removed = await db.seatEvent.findFirstOrThrow({
        where: { userId: a.id, details: { path: ["action"], equals: "moduleLicense.remove" } },
      });
      expect(removed.reason).toBe("no license rule matches any more");
      await admin.applyToEveryone({});
      expect(await modulesOf(b.id)).toEqual(["change", "problem"]);
      expect(await modulesOf(c.id)).toEqual(["change"]);
      expect(await admin.applyToEveryone({})).toMatchObject({ changed: 0 });
    },
  );

  it("refuses module licenses for end users with the rule's number", async () => {
    const refused = await admin
      .preview({ rules: [rule({ name: "Portal", role: "END_USER", license: "NONE", modules: ["problem"] })] })
      .catch((e: unknown) => e as TRPCError);
    expect((refused as TRPCError).code).toBe("BAD_REQUEST");
    expect((refused as TRPCError).message).toMatch(/Rule 1 \(“Portal”\): module licenses \(Problem management\)/);
  });
});
