import { neverHoldsSeat } from "@/lib/auth/roles";
import type { LicenseRuleInput, RuleLicenseKind, RuleRole } from "@/lib/validation/license-rules";
import type { LicenseModule } from "@/lib/validation/license-file";

/** A rule as the editor holds it: lists as the text typed (comma-separated), so nothing typed is lost. */
export type DraftRule = {
  key: string;
  name: string;
  enabled: boolean;
  jobCodes: string;
  departments: string;
  groups: string;
  employeeTypes: string;
  role: RuleRole;
  license: RuleLicenseKind;
  poolId: string;
  modules: LicenseModule[];
};

let keys = 0;
export const newKey = () => `rule-${++keys}`;

const list = (text: string) =>
  text
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

export function toInput(rules: DraftRule[]): LicenseRuleInput[] {
  return rules.map((r) => ({
    name: r.name,
    enabled: r.enabled,
    jobCodes: list(r.jobCodes),
    departments: list(r.departments),
    groups: list(r.groups),
    employeeTypes: list(r.employeeTypes),
    role: r.role,
    license: r.license === "NONE" || neverHoldsSeat(r.role) ? "NONE" : r.license,
    poolId: r.license === "CONCURRENT" ? r.poolId || null : null,
    // Kept as chosen, so the server names the problem if the role cannot work modules.
    modules: r.modules,
  }));
}

export function fromSaved(rule: LicenseRuleInput): DraftRule {
  return {
    key: newKey(),
    name: rule.name,
    enabled: rule.enabled,
    jobCodes: rule.jobCodes.join(", "),
    departments: rule.departments.join(", "),
    groups: rule.groups.join(", "),
    employeeTypes: rule.employeeTypes.join(", "),
    role: rule.role,
    license: rule.license,
    poolId: rule.poolId ?? "",
    modules: rule.modules,
  };
}

export const emptyRule = (): DraftRule => ({
  key: newKey(),
  name: "",
  enabled: true,
  jobCodes: "",
  departments: "",
  groups: "",
  employeeTypes: "",
  role: "AGENT",
  license: "NAMED",
  poolId: "",
  modules: [],
});
