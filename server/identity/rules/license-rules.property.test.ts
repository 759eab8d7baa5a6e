import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { createTestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { resetSeats } from "@/test/allocation";
import type { Db } from "@/server/db/client";
import type { Role } from "@/server/db/generated/enums";
import type { RuleLicenseKind } from "@/lib/validation/license-rules";
import { LICENSE_MODULES, type LicenseModule } from "@/lib/validation/license-file";
import { applyLicenseRules } from "./apply";

/*
 * Property: for random rule lists, people (job codes, departments, groups, roles, licenses held,
 * pins, disabled accounts) and named seats owned, applying the rules on the real database leaves
 * every person with what the rules and pins say, within what is owned; applying again changes
 * nothing. The same for module licenses: the deciding rule's modules (agents and administrators),
 * within what the license file grants per module. The expected outcome is computed here from the
 * rules' definition, independently of plan.ts.
 */

const JOB_CODES = ["IT-SD", "IT-SPEC", "FIN-ACC", "HR-BP"];
const DEPARTMENTS = ["IT", "Finance"];
const GROUPS = ["desk", "vip", "contractors"];
const ROLES: Role[] = ["END_USER", "AGENT", "REPORT_VIEWER", "ADMIN"];

type RuleSpec = {
  jobCodes: string[];
  departments: string[];
  groups: string[];
  role: Role;
  license: RuleLicenseKind;
  enabled: boolean;
  modules: LicenseModule[];
};
type PersonSpec = {
  jobCode: string | null;
  department: string | null;
  groups: string[];
  role: Role;
  held: "NAMED" | "POOL" | "NONE";
  pinned: boolean;
  active: boolean;
  decidedBefore: boolean;
  modules: LicenseModule[];
};

const seatless = (role: Role) => role === "END_USER" || role === "REPORT_VIEWER";

const ruleArb: fc.Arbitrary<RuleSpec> = fc
  .record({
    jobCodes: fc.subarray([...JOB_CODES, "IT-*"], { maxLength: 2 }),
    departments: fc.subarray(DEPARTMENTS, { maxLength: 1 }),
    groups: fc.subarray(GROUPS, { maxLength: 2 }),
    role: fc.constantFrom(...ROLES),
    license: fc.constantFrom<RuleLicenseKind>("NAMED", "CONCURRENT", "NONE"),
    enabled: fc.boolean(),
    modules: fc.subarray([...LICENSE_MODULES]),
  })
  .map((r) => ({ ...r, license: seatless(r.role) ? "NONE" : r.license, modules: seatless(r.role) ? [] : r.modules }));

const personArb: fc.Arbitrary<PersonSpec> = fc
  .record({
    jobCode: fc.option(fc.constantFrom(...JOB_CODES)),
    department: fc.option(fc.constantFrom(...DEPARTMENTS)),
    groups: fc.subarray(GROUPS),
    role: fc.constantFrom<Role>("END_USER", "AGENT", "ADMIN"),
    held: fc.constantFrom<PersonSpec["held"]>("NAMED", "POOL", "NONE"),
    pinned: fc.boolean(),
    active: fc.boolean(),
    decidedBefore: fc.boolean(),
    modules: fc.subarray([...LICENSE_MODULES]),
  })
  .map((p) => ({
    ...p,
    held: p.role === "END_USER" ? "NONE" : p.held,
    modules: p.role === "END_USER" ? [] : p.modules,
  }));

const matches = (patterns: string[], values: (string | null)[]) =>
  patterns.length === 0 ||
  values.some(
    (v) =>
      v !== null &&
      patterns.some((p) =>
        p.endsWith("*")
          ? v.toLowerCase().startsWith(p.slice(0, -1).toLowerCase())
          : p.toLowerCase() === v.toLowerCase(),
      ),
  );

let db: Db;
let adminId: string;
let poolId: string;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  adminId = (await createUser(db, { role: "ADMIN" })).id;
});

describe("license rules (property)", () => {
  it("licenses always equal what the rules and pins say, within what is owned", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(ruleArb, { maxLength: 4 }),
        fc.array(personArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 4 }),
        fc.record({ change: fc.integer({ min: 0, max: 3 }), problem: fc.integer({ min: 0, max: 3 }) }),
        async (rules, specs, namedOwned, modulesOwned) => {
          await db.user.deleteMany({ where: { id: { not: adminId } } });
          await db.licenseRule.deleteMany({});
          await db.moduleLicense.deleteMany({});
          await resetSeats(db, { namedSeats: 10, concurrentSeats: 10 });
          poolId = (await db.seatPool.create({ data: { name: `P${Date.now()}`, size: 2 } })).id;
          await db.licenseRule.createMany({
            data: rules.map((r, position) => ({
              ...r,
              name: `R${position}`,
              position,
              employeeTypes: [],
              poolId: r.license === "CONCURRENT" ? poolId : null,
            })),
          });
          const people = [];
          for (const [i, spec] of specs.entries()) {
            const u = await createUser(db, { role: spec.role, email: `p${i}@prop.test`, active: spec.active });
            await db.user.update({ where: { id: u.id }, data: { jobCode: spec.jobCode, department: spec.department } });
            if (spec.held !== "NONE")
              await db.seatAssignment.create({
                data: {
                  userId: u.id,
                  kind: spec.held === "NAMED" ? "NAMED" : "CONCURRENT",
                  poolId: spec.held === "POOL" ? poolId : null,
                },
              });
            await db.userIdentity.create({
              data: {
                userId: u.id,
                groups: spec.groups,
                ruleId: spec.decidedBefore ? "an-earlier-rule" : null,
                pinnedAt: spec.pinned ? new Date() : null,
              },
            });
            if (spec.modules.length)
              await db.moduleLicense.createMany({ data: spec.modules.map((module) => ({ userId: u.id, module })) });
            people.push({ id: u.id, spec });
          }
          // What is owned may be below what is held now (the entitlement shrank).
          await db.entitlement.update({ where: { id: 1 }, data: { namedSeats: namedOwned } });
          // The license file in force grants the modules (it too may be below what is held now).
          await db.licenseFile.deleteMany({});
          await db.licenseFile.create({
            data: {
              licenseId: "prop",
              customer: "Property test",
              namedSeats: namedOwned,
              concurrentSeats: 10,
              modules: modulesOwned,
              issuedAt: new Date(),
              validFrom: new Date(Date.now() - 86_400_000),
              validUntil: new Date(Date.now() + 86_400_000),
              graceDays: 0,
              keyFingerprint: "test-only",
              text: "test-only",
            },
          });

          await applyLicenseRules(db, { actorId: adminId, requestId: "prop", source: "test" });

          const after = new Map(
            (
              await db.user.findMany({
                where: { id: { in: people.map((p) => p.id) } },
                select: { id: true, role: true, seatAssignment: { select: { kind: true } } },
              })
            ).map((u) => [u.id, { role: u.role, license: u.seatAssignment?.kind ?? "NONE" }]),
          );
          const namedNow = [...after.values()].filter((a) => a.license === "NAMED").length;
          const modulesAfter = new Map<string, LicenseModule[]>();
          for (const m of await db.moduleLicense.findMany({ select: { userId: true, module: true } }))
            modulesAfter.set(m.userId, [...(modulesAfter.get(m.userId) ?? []), m.module]);
          const holdersOf = (module: LicenseModule) =>
            [...modulesAfter.values()].filter((modules) => modules.includes(module)).length;
          const deniedModule = { change: 0, problem: 0 };
          const moduleKeptBySkipped = { change: 0, problem: 0 };
          let deniedNamed = 0;
          let namedKeptBySkipped = 0;
          for (const { id, spec } of people) {
            const got = after.get(id)!;
            const heldKind = spec.held === "NAMED" ? "NAMED" : spec.held === "POOL" ? "CONCURRENT" : "NONE";
            const rule = rules.find(
              (r) =>
                r.enabled &&
                matches(r.jobCodes, [spec.jobCode]) &&
                matches(r.departments, [spec.department]) &&
                matches(r.groups, spec.groups),
            );
            if (spec.pinned || !spec.active || (!rule && !spec.decidedBefore)) {
              expect(got).toEqual({ role: spec.role, license: heldKind });
              if (heldKind === "NAMED") namedKeptBySkipped++;
              expect([...(modulesAfter.get(id) ?? [])].sort()).toEqual([...spec.modules].sort());
              for (const m of spec.modules) moduleKeptBySkipped[m]++;
              continue;
            }
            const role = rule?.role ?? "END_USER";
            expect(got.role).toBe(role);
            const license = rule && !seatless(role) ? rule.license : "NONE";
            if (license === "NAMED" && got.license === "NONE") deniedNamed++;
            else expect(got.license).toBe(license);
            // Module licenses: the rule's (for agents and administrators), or none where none was left.
            const modules = rule && !seatless(role) ? rule.modules : [];
            const gotModules = modulesAfter.get(id) ?? [];
            for (const m of gotModules) expect(modules).toContain(m);
            for (const m of modules) if (!gotModules.includes(m)) deniedModule[m]++;
          }
          for (const m of LICENSE_MODULES) {
            // Within what the file grants (those held by skipped people stay theirs even above it);
            // someone went without only because every granted one was given.
            expect(holdersOf(m)).toBeLessThanOrEqual(Math.max(modulesOwned[m], moduleKeptBySkipped[m]));
            if (deniedModule[m] > 0) expect(holdersOf(m)).toBeGreaterThanOrEqual(modulesOwned[m]);
          }
          // Within what is owned; seats held by people the rules skip stay theirs even above it.
          expect(namedNow).toBeLessThanOrEqual(Math.max(namedOwned, namedKeptBySkipped));
          // Someone went without a named seat only because every owned one was given.
          if (deniedNamed > 0) expect(namedNow).toBeGreaterThanOrEqual(namedOwned);

          const again = await applyLicenseRules(db, { actorId: adminId, requestId: "prop-2", source: "test" });
          expect(again.changed).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
  });
});
