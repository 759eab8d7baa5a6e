import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { createTestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { resetSeats } from "@/test/allocation";
import type { Db } from "@/server/db/client";
import type { Role } from "@/server/db/generated/enums";
import type { RuleLicenseKind } from "@/lib/validation/license-rules";
import { applyLicenseRules } from "./apply";

/*
 * Property: for random rule lists, people (job codes, departments, groups, roles, licenses held,
 * pins, disabled accounts) and named seats owned, applying the rules on the real database leaves
 * every person with what the rules and pins say, within what is owned; applying again changes
 * nothing. The expected outcome is computed here from the rules' definition, independently of
 * plan.ts.
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
  })
  .map((r) => ({ ...r, license: seatless(r.role) ? "NONE" : r.license }));

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
  })
  .map((p) => ({ ...p, held: p.role === "END_USER" ? "NONE" : p.held }));

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
        async (rules, specs, namedOwned) => {
          await db.user.deleteMany({ where: { id: { not: adminId } } });
          await db.licenseRule.deleteMany({});
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
            people.push({ id: u.id, spec });
          }
          // What is owned may be below what is held now (the entitlement shrank).
          await db.entitlement.update({ where: { id: 1 }, data: { namedSeats: namedOwned } });

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
              continue;
            }
            const role = rule?.role ?? "END_USER";
            expect(got.role).toBe(role);
            const license = rule && !seatless(role) ? rule.license : "NONE";
            if (license === "NAMED" && got.license === "NONE") deniedNamed++;
            else expect(got.license).toBe(license);
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
