import { z } from "zod";
import { neverHoldsSeat } from "@/lib/auth/roles";
import { LICENSE_MODULE_NAMES, LICENSE_MODULES } from "./license-file";

/*
 * License rules (server/identity/rules/): the shapes shared by the rules page and the
 * adminLicenseRules procedures. The server answers nested problems on the `rules` field, so each
 * message names the rule it is about ("Rule 2 …").
 */

export const MAX_RULES = 100;
export const MAX_RULE_VALUES = 50;

export const RULE_ROLES = ["END_USER", "AGENT", "REPORT_VIEWER", "ADMIN"] as const;
export const RULE_LICENSES = ["NAMED", "CONCURRENT", "NONE"] as const;
export type RuleRole = (typeof RULE_ROLES)[number];
export type RuleLicenseKind = (typeof RULE_LICENSES)[number];

const values = (what: string) =>
  z
    .array(z.string().trim().min(1, `An empty ${what} matches nothing: remove it`).max(100, `Keep each ${what} short`))
    .max(MAX_RULE_VALUES, `At most ${MAX_RULE_VALUES} ${what}s per rule`);

export const licenseRuleInput = z.object({
  name: z.string().trim().min(1, "Give the rule a name").max(80, "Keep the name to 80 characters or fewer"),
  enabled: z.boolean(),
  jobCodes: values("job code"),
  departments: values("department"),
  groups: values("group"),
  employeeTypes: values("employee type"),
  role: z.enum(RULE_ROLES, { error: "Choose the role the rule gives" }),
  license: z.enum(RULE_LICENSES, { error: "Choose the license the rule gives" }),
  poolId: z.string().trim().min(1).max(100).nullable(),
  /** Module licenses the rule gives too (agents and administrators only). */
  modules: z
    .array(z.enum(LICENSE_MODULES, { error: `A module is one of: ${LICENSE_MODULES.join(", ")}` }))
    .max(LICENSE_MODULES.length)
    .default([]),
});
export type LicenseRuleInput = z.infer<typeof licenseRuleInput>;

/** Problems within one rule, each named by its place in the list (1-based, as the page shows it). */
export function ruleProblems(rule: LicenseRuleInput, index: number): string[] {
  const n = `Rule ${index + 1} (“${rule.name}”)`;
  const problems: string[] = [];
  if (neverHoldsSeat(rule.role) && rule.license !== "NONE")
    problems.push(`${n}: end users and report viewers never hold a seat license; choose “No license”.`);
  if (rule.license === "CONCURRENT" && !rule.poolId) problems.push(`${n}: choose the pool it gives a place in.`);
  if (neverHoldsSeat(rule.role) && rule.modules.length > 0)
    problems.push(
      `${n}: module licenses (${rule.modules.map((m) => LICENSE_MODULE_NAMES[m]).join(", ")}) ` +
        `are for agents and administrators; remove them or give the agent role.`,
    );
  if (new Set(rule.modules).size !== rule.modules.length) problems.push(`${n}: each module once.`);
  return problems;
}

export const licenseRulesInput = z
  .array(licenseRuleInput)
  .max(MAX_RULES, `At most ${MAX_RULES} rules`)
  .superRefine((rules, ctx) => {
    rules.forEach((rule, i) => ruleProblems(rule, i).forEach((message) => ctx.addIssue({ code: "custom", message })));
  });

export const previewRulesInput = z.object({
  /** A draft list to preview; without it, the saved rules. */
  rules: licenseRulesInput.optional(),
});
export type PreviewRulesInput = z.infer<typeof previewRulesInput>;

export const saveRulesInput = z.object({
  rules: licenseRulesInput,
  /** Must be true when the rules would make anyone an administrator who is not one now. */
  confirmAdminGrant: z.boolean().optional(),
});
export type SaveRulesInput = z.infer<typeof saveRulesInput>;

export const applyRulesInput = z.object({ confirmAdminGrant: z.boolean().optional() });
export type ApplyRulesInput = z.infer<typeof applyRulesInput>;

export const pinInput = z.object({
  userId: z.string().trim().min(1).max(100),
  reason: z
    .string()
    .trim()
    .min(3, "Say why in a few words: the rules page shows it")
    .max(300, "Keep the reason to 300 characters or fewer"),
});
export type PinInput = z.infer<typeof pinInput>;

export const unpinInput = z.object({ userId: z.string().trim().min(1).max(100) });

export const pinnedPageInput = z.object({
  cursor: z.string().max(100).nullish(),
  limit: z.number().int().min(1).max(100).optional(),
});
export type PinnedPageInput = z.infer<typeof pinnedPageInput>;

export const ROLE_LABELS: Record<RuleRole, string> = {
  END_USER: "End user",
  AGENT: "Agent",
  REPORT_VIEWER: "Report viewer",
  ADMIN: "Administrator",
};

/** The tie-break for named seats when the rules give out more than are owned, as the page states it. */
export const NAMED_TIE_BREAK =
  "people who hold a named seat now keep it first; then people matched by an earlier rule; then by email, A to Z";
