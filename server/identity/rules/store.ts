import "server-only";
import type { DbOrTx, Tx } from "../../db/transaction";
import { AppError } from "../../errors";
import type { LicenseRuleInput } from "@/lib/validation/license-rules";
import type { PlanRule } from "./plan";

/*
 * The saved list of license rules: read in order, and replaced as a whole (the page edits the
 * list, reorders it, and saves it after a preview).
 */

export async function loadRules(db: DbOrTx): Promise<PlanRule[]> {
  return db.licenseRule.findMany({
    orderBy: { position: "asc" },
    select: {
      id: true,
      name: true,
      enabled: true,
      jobCodes: true,
      departments: true,
      groups: true,
      employeeTypes: true,
      role: true,
      license: true,
      poolId: true,
      modules: true,
    },
  });
}

/**
 * Draft rules as the planner reads them, refusing a rule that gives a place in a pool that does
 * not exist (or was deleted), named by its place in the list.
 */
export async function draftRules(db: DbOrTx, rules: LicenseRuleInput[]): Promise<PlanRule[]> {
  const poolIds = [...new Set(rules.flatMap((r) => (r.license === "CONCURRENT" && r.poolId ? [r.poolId] : [])))];
  const pools = new Set(
    (await db.seatPool.findMany({ where: { id: { in: poolIds }, deletedAt: null }, select: { id: true } })).map(
      (p) => p.id,
    ),
  );
  rules.forEach((rule, i) => {
    if (rule.license === "CONCURRENT" && (!rule.poolId || !pools.has(rule.poolId)))
      throw new AppError(
        "BAD_REQUEST",
        `Rule ${i + 1} (“${rule.name}”) gives a place in a pool that does not exist (any more). Choose ` +
          `one of the pools.`,
        { ruleIndex: i },
        "rules",
      );
  });
  return rules.map((rule, i) => ({
    ...rule,
    id: `draft-${i}`,
    poolId: rule.license === "CONCURRENT" ? rule.poolId : null,
  }));
}

/** Replaces the saved rules with `rules`, in their order. */
export async function replaceRules(tx: Tx, rules: LicenseRuleInput[]): Promise<void> {
  await draftRules(tx, rules);
  await tx.licenseRule.deleteMany({});
  if (rules.length === 0) return;
  await tx.licenseRule.createMany({
    data: rules.map((rule, position) => ({
      ...rule,
      position,
      poolId: rule.license === "CONCURRENT" ? rule.poolId : null,
    })),
  });
}
