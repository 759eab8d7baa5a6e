import "server-only";
import { Prisma } from "../../db/generated/client";
import type { Role } from "../../db/generated/enums";
import { inTransaction, type DbOrTx, type Tx } from "../../db/transaction";
import { AppError } from "../../errors";
import { auditedInput } from "../../audit/admin-audit";
import { allocationCounts, lockEntitlement, lockUsers } from "../../licensing/allocation";
import { changeLicense } from "../../licensing/license-change";
import { neverHoldsSeat } from "@/lib/auth/roles";
import type { LicenseChoice } from "@/lib/validation/licensing";
import { LICENSE_MODULES } from "@/lib/validation/license-file";
import {
  assignModuleLicense,
  modulesAssigned,
  modulesGranted,
  removeModuleLicense,
} from "../../licensing/modules/module-licenses";
import {
  changesAccess,
  changesSeat,
  planLicenses,
  type Decision,
  type LicenseState,
  type Plan,
  type PlanPerson,
  type PlanRule,
} from "./plan";
import { loadRules } from "./store";

/*
 * Applying the license rules (plan.ts decides) to everyone, or to the people an identity change
 * touched (a sign-in, a provisioning request). Every application takes the Entitlement row lock
 * first (as every allocation change does, server/licensing/allocation.ts), so two applications,
 * or an application and an administrator's license change, never give out the same named seat.
 *
 * Seat licenses change through changeLicense (server/licensing/license-change.ts), the one door
 * for the seat rules: each change is a seat-history event whose reason names the rule, and a
 * removed license ends the seat held now with a note naming the rule. Each person whose role or
 * license changed also gets an audit-log row (licenseRules.decided) naming the rule.
 *
 * Module licenses change through assignModuleLicense / removeModuleLicense
 * (server/licensing/modules/module-licenses.ts), their one door, with the rule as the reason (their
 * seat-history event names it); every removal comes before any grant, so a license one person
 * loses can go to another in the same application.
 */

/** Who applies the rules: an administrator, or (actorId null) the identity provider's sign-in or provisioning. */
export type RulesActor = { actorId: string | null; requestId?: string | null; source: string };

const STATE_COLUMNS = Prisma.sql`
  u.id, u.name, u.email, u.role::text as role, u.active, u."jobCode", u.department,
  coalesce(i.groups, '{}') as groups, i."employeeType", i."ruleId", (i."pinnedAt" is not null) as pinned,
  a.kind::text as "licenseKind", a."poolId",
  coalesce((select array_agg(m.module::text order by m.module) from "ModuleLicense" m where m."userId" = u.id), '{}')
    as modules`;

type StateRow = Omit<PlanPerson, "license"> & { licenseKind: "NAMED" | "CONCURRENT" | null; poolId: string | null };

/** The people the rules look at (everyone, or `userIds`), with what they hold now. */
async function loadPeople(db: DbOrTx, userIds: readonly string[] | null): Promise<PlanPerson[]> {
  if (userIds && userIds.length === 0) return [];
  const rows = await db.$queryRaw<StateRow[]>`
    select ${STATE_COLUMNS}
    from "User" u left join "UserIdentity" i on i."userId" = u.id left join "SeatAssignment" a on a."userId" = u.id
    ${userIds ? Prisma.sql`where u.id in (${Prisma.join(userIds)})` : Prisma.empty}
    order by u.email`;
  return rows.map(({ licenseKind, poolId, ...p }) => ({
    ...p,
    license: (licenseKind === "NAMED" || (licenseKind === "CONCURRENT" && !poolId)
      ? { kind: "NAMED" }
      : licenseKind === "CONCURRENT"
        ? { kind: "CONCURRENT", poolId: poolId! }
        : { kind: "NONE" }) as LicenseState,
  }));
}

async function livePools(db: DbOrTx): Promise<Map<string, string>> {
  const pools = await db.seatPool.findMany({ where: { deletedAt: null }, select: { id: true, name: true } });
  return new Map(pools.map((p) => [p.id, p.name]));
}

export type PlanContext = { plan: Plan; poolNames: Map<string, string> };

/** The plan for `rules` (the saved ones when omitted) over everyone or `userIds`; nothing is written. */
export async function planFor(
  db: DbOrTx,
  options: { rules?: PlanRule[]; userIds?: readonly string[] | null; protectedUserId?: string | null },
): Promise<PlanContext> {
  const [rules, people, poolNames, owned, counts, modulesOwned, modulesAssignedTotal] = await Promise.all([
    options.rules ? Promise.resolve(options.rules) : loadRules(db),
    loadPeople(db, options.userIds ?? null),
    livePools(db),
    db.entitlement.findUnique({ where: { id: 1 }, select: { namedSeats: true } }),
    allocationCounts(db),
    modulesGranted(db),
    modulesAssigned(db),
  ]);
  const plan = planLicenses({
    rules,
    people,
    pools: new Set(poolNames.keys()),
    namedOwned: owned?.namedSeats ?? 0,
    namedAssignedTotal: counts.namedAssigned,
    modulesOwned,
    modulesAssignedTotal,
    protectedUserId: options.protectedUserId ?? null,
  });
  return { plan, poolNames };
}

/** People the plan makes administrators who are not now. */
export function adminGains(plan: Plan): PlanPerson[] {
  return plan.decisions.filter((d) => d.role === "ADMIN" && d.person.role !== "ADMIN").map((d) => d.person);
}

export type ApplyResult = {
  changed: number;
  seatsEnded: number;
  withoutNamedSeat: number;
  /** Module licenses the rules give but none was left, counted per person and module. */
  withoutModuleLicense: number;
  skipped: number;
};

/**
 * Applies the saved rules inside `tx`'s transaction (or a new one): to everyone when `userIds` is
 * null, else to those people. `confirmAdminGrant` must be true when the rules would make someone
 * an administrator who is not one (the page asks first); sign-ins and provisioning never need it,
 * the rules having been confirmed when saved.
 */
export function applyLicenseRules(
  db: DbOrTx,
  actor: RulesActor,
  options: { userIds?: readonly string[] | null; confirmAdminGrant?: boolean; requireConfirmation?: boolean } = {},
): Promise<ApplyResult> {
  return inTransaction(db, async (tx) => {
    const owned = await lockEntitlement(tx);
    const { plan, poolNames } = await planFor(tx, { userIds: options.userIds ?? null, protectedUserId: actor.actorId });
    const gains = adminGains(plan);
    if (options.requireConfirmation && gains.length > 0 && !options.confirmAdminGrant) {
      throw new AppError(
        "CONFLICT",
        `These rules make ${gains.length === 1 ? "1 person" : `${gains.length} people`} an administrator: ${gains
          .slice(0, 5)
          .map((p) => p.name)
          .join(", ")}${gains.length > 5 ? ", …" : ""}. Confirm that this is what you want.`,
        { adminGains: gains.length },
        "confirmAdminGrant",
      );
    }
    const todo = plan.decisions.filter((d) => d.changed);
    const locked = await lockUsers(
      tx,
      todo.filter(changesAccess).map((d) => d.person.id),
    );
    // Module licenses given up first too, while the person still has the role that held them.
    for (const decision of todo)
      for (const lost of decision.person.modules.filter((m) => !decision.modules.includes(m)))
        await removeModuleLicense(tx, { userId: decision.person.id, module: lost, reason: ruleLabel(decision) }, actor);
    // Seats given up first, so the named seats the plan hands on are free when they are given.
    const ordered = [...todo].sort((a, b) => Number(a.license.kind === "NAMED") - Number(b.license.kind === "NAMED"));
    let changed = 0;
    let seatsEnded = 0;
    for (const decision of ordered) {
      const person = locked.get(decision.person.id);
      if (!person || !changesAccess(decision)) continue;
      if (changesSeat(decision)) seatsEnded += await applyDecision(tx, actor, owned, person, decision, poolNames);
      changed++;
    }
    for (const decision of todo) {
      for (const gained of decision.modules.filter((m) => !decision.person.modules.includes(m)))
        await assignModuleLicense(
          tx,
          { userId: decision.person.id, module: gained, reason: ruleLabel(decision) },
          actor,
        );
      if (!changesSeat(decision) && changesAccess(decision)) await recordDecisionAudit(tx, actor, decision, poolNames);
    }
    await recordRuleOwnership(tx, todo);
    return {
      changed,
      seatsEnded,
      withoutNamedSeat: plan.named.withoutSeat.length,
      withoutModuleLicense: LICENSE_MODULES.reduce((n, m) => n + plan.modules[m].without.length, 0),
      skipped: plan.skipped.length,
    };
  });
}

const ruleLabel = (d: Decision) => (d.rule ? `license rule “${d.rule.name}”` : "no license rule matches any more");

async function applyDecision(
  tx: Tx,
  actor: RulesActor,
  owned: { namedSeats: number; concurrentSeats: number },
  person: { id: string; name: string; role: Role; active: boolean },
  decision: Decision,
  poolNames: Map<string, string>,
): Promise<number> {
  const why = ruleLabel(decision);
  const target: LicenseChoice =
    decision.license.kind === "CONCURRENT"
      ? { kind: "CONCURRENT", poolId: decision.license.poolId }
      : { kind: decision.license.kind };
  const licenseOptions = {
    reason: why,
    details: { rule: decision.rule?.name ?? null, ruleId: decision.rule?.id ?? null, source: actor.source },
    note:
      target.kind === "NONE"
        ? decision.noNamedSeatLeft
          ? `No named seat is left for you under ${why}; ask your administrator.`
          : `Your seat license was removed: ${why}.`
        : `Your license changed by ${why}; take a seat again to go on.`,
  };
  const licenseActor = { actorId: actor.actorId as string, requestId: actor.requestId ?? null };
  let seatEnded = false;
  if (neverHoldsSeat(decision.role) || target.kind === "NONE") {
    // Down: the license goes while the person still has the role that held it.
    seatEnded = (await changeLicense(tx, licenseActor, owned, person, target, licenseOptions)).seatEnded;
    await setRole(tx, person.id, decision.role);
  } else {
    await setRole(tx, person.id, decision.role);
    seatEnded = (
      await changeLicense(tx, licenseActor, owned, { ...person, role: decision.role }, target, {
        ...licenseOptions,
        // A move between named and a pool ends the seat held now, so the rule applies at once.
        endCurrentSeat: true,
      })
    ).seatEnded;
  }
  await recordDecisionAudit(tx, actor, decision, poolNames);
  return seatEnded ? 1 : 0;
}

async function setRole(tx: Tx, userId: string, role: Role): Promise<void> {
  const { role: before } = await tx.user.update({ where: { id: userId }, data: { role }, select: { role: true } });
  // End users and report viewers work in no assignment group (as an administrator's role change does).
  if (before !== role && neverHoldsSeat(role)) await tx.groupMember.deleteMany({ where: { userId } });
}

function licenseText(license: LicenseState, poolNames: Map<string, string>): string {
  return license.kind === "NAMED"
    ? "named seat"
    : license.kind === "CONCURRENT"
      ? `pool ${poolNames.get(license.poolId) ?? license.poolId}`
      : "no license";
}

/** The audit-log row of one person's change, naming the rule (licensing invariant 5's counterpart for roles). */
async function recordDecisionAudit(
  tx: Tx,
  actor: RulesActor,
  d: Decision,
  poolNames: Map<string, string>,
): Promise<void> {
  // The audit log names an administrator; a change with none (a sign-in, provisioning) names the person.
  await tx.adminAuditEvent.create({
    data: {
      actorId: actor.actorId ?? d.person.id,
      action: "licenseRules.decided",
      requestId: actor.requestId ?? null,
      input: auditedInput({
        source: actor.source,
        rule: d.rule?.name ?? null,
        ruleId: d.rule?.id ?? null,
        userId: d.person.id,
        email: d.person.email,
        before: { role: d.person.role, license: licenseText(d.person.license, poolNames), modules: d.person.modules },
        after: { role: d.role, license: licenseText(d.license, poolNames), modules: d.modules },
        noNamedSeatLeft: d.noNamedSeatLeft,
        modulesWithoutLicense: d.modulesWithoutLicense,
      }),
    },
  });
}

/** Which rule decided for each person (UserIdentity.ruleId), in one statement. */
async function recordRuleOwnership(tx: Tx, decisions: Decision[]): Promise<void> {
  if (decisions.length === 0) return;
  const ids = decisions.map((d) => d.person.id);
  const ruleIds = decisions.map((d) => d.rule?.id ?? null);
  const ruleNames = decisions.map((d) => d.rule?.name ?? null);
  await tx.$executeRaw`
    insert into "UserIdentity" ("userId", "ruleId", "ruleName", "updatedAt")
    select * , now() from unnest(${ids}::text[], ${ruleIds}::text[], ${ruleNames}::text[])
    on conflict ("userId") do update set "ruleId" = excluded."ruleId", "ruleName" = excluded."ruleName",
      "updatedAt" = now()`;
}
