import "server-only";
import type { Role } from "../../db/generated/enums";
import type { RuleLicenseKind } from "@/lib/validation/license-rules";
import { neverHoldsSeat } from "@/lib/auth/roles";

/*
 * What the license rules decide, as a pure function of the rules, the people and what is owned
 * (no database), so the preview and the application are the same computation and a property test
 * can try to break it.
 *
 * - The first enabled rule whose conditions all match a person decides their role and license.
 *   A condition is a list of values, any of which matches, compared case-insensitively; a value
 *   ending in * matches a prefix ("IT-*"); an empty list matches everyone. Groups match when any
 *   of the person's provider groups matches.
 * - Pinned people are skipped: an administrator fixed their role and license by hand.
 * - Disabled accounts are skipped: they keep what they have until enabled (deprovisioning ends
 *   their seat elsewhere).
 * - A person whom a rule decided for before, and no rule matches now (their job code no longer
 *   qualifies), becomes an end user without a license. People no rule ever decided for (the
 *   break-glass administrator set up by hand) are left alone.
 * - The administrator applying the rules never loses their own administrator role by them.
 * - A rule naming a pool that no longer exists decides nothing: its people are skipped and the
 *   problem is reported.
 * - Named seats: no more are given than are owned. Seats held by people the rules do not decide
 *   for (pinned, disabled, left alone) stay theirs; the rest go by the tie-break NAMED_TIE_BREAK
 *   (lib/validation/license-rules.ts): present holders first, then earlier rules, then email.
 *   Those left over get no license, and the preview lists them.
 *
 * Module licenses (the premium-modules issue) plug in here: a rule's `RuleGrant` gains their list,
 * `decide` copies it, and apply.ts hands it to the module-license step after the seat license.
 */

export type LicenseState = { kind: "NAMED" } | { kind: "CONCURRENT"; poolId: string } | { kind: "NONE" };

export type PlanRule = {
  id: string;
  name: string;
  enabled: boolean;
  jobCodes: string[];
  departments: string[];
  groups: string[];
  employeeTypes: string[];
  role: Role;
  license: RuleLicenseKind;
  poolId: string | null;
};

export type PlanPerson = {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  jobCode: string | null;
  department: string | null;
  groups: string[];
  employeeType: string | null;
  license: LicenseState;
  /** The rule that decided for them last (UserIdentity.ruleId). */
  ruleId: string | null;
  pinned: boolean;
};

export type Decision = {
  person: PlanPerson;
  /** null: no rule matches any more, so the person goes back to an end user without a license. */
  rule: { id: string; name: string; position: number } | null;
  role: Role;
  license: LicenseState;
  /** The rule gave a named seat, but none was left (over-allocation). */
  noNamedSeatLeft: boolean;
  changed: boolean;
};

export type Skipped = { person: PlanPerson; why: string };

export type Plan = {
  decisions: Decision[];
  skipped: Skipped[];
  named: {
    owned: number;
    /** Named seats held by people the rules do not decide for. */
    heldOutside: number;
    /** Named seats the rules give (before the limit). */
    requested: number;
    granted: number;
    /** Who the rules would give a named seat but gets none, in tie-break order. */
    withoutSeat: PlanPerson[];
  };
  /** Rules that name a pool that no longer exists (1-based positions). */
  problems: string[];
};

export type PlanInput = {
  rules: PlanRule[];
  people: PlanPerson[];
  /** Live pools by id (deleted ones are absent). */
  pools: ReadonlySet<string>;
  namedOwned: number;
  /** Every named seat assigned now, including to people outside `people`. */
  namedAssignedTotal: number;
  /** The administrator applying the rules: never loses their own administrator role. */
  protectedUserId?: string | null;
};

const norm = (s: string) => s.trim().toLowerCase();

function valueMatches(pattern: string, value: string): boolean {
  const p = norm(pattern);
  const v = norm(value);
  return p.endsWith("*") ? v.startsWith(p.slice(0, -1)) : v === p;
}

function listMatches(patterns: string[], values: (string | null)[]): boolean {
  if (patterns.length === 0) return true;
  return values.some((v) => v !== null && patterns.some((p) => valueMatches(p, v)));
}

export function ruleMatches(rule: PlanRule, person: PlanPerson): boolean {
  return (
    rule.enabled &&
    listMatches(rule.jobCodes, [person.jobCode]) &&
    listMatches(rule.departments, [person.department]) &&
    listMatches(rule.groups, person.groups) &&
    listMatches(rule.employeeTypes, [person.employeeType])
  );
}

export function sameLicense(a: LicenseState, b: LicenseState): boolean {
  return a.kind === b.kind && (a.kind !== "CONCURRENT" || (b.kind === "CONCURRENT" && a.poolId === b.poolId));
}

const NONE: LicenseState = { kind: "NONE" };

export function planLicenses(input: PlanInput): Plan {
  const decisions: Decision[] = [];
  const skipped: Skipped[] = [];
  const problems = input.rules.flatMap((rule, i) =>
    rule.enabled && rule.license === "CONCURRENT" && (!rule.poolId || !input.pools.has(rule.poolId))
      ? [
          `Rule ${i + 1} (“${rule.name}”) gives a place in a pool that no longer exists: it decides ` +
            `nothing until you choose another.`,
        ]
      : [],
  );

  for (const person of input.people) {
    if (person.pinned) {
      skipped.push({ person, why: "pinned by hand" });
      continue;
    }
    if (!person.active) {
      skipped.push({ person, why: "account disabled" });
      continue;
    }
    const position = input.rules.findIndex((rule) => ruleMatches(rule, person));
    const rule = position >= 0 ? input.rules[position]! : null;
    if (!rule && !person.ruleId) continue; // never decided by a rule: left alone
    if (rule && rule.license === "CONCURRENT" && (!rule.poolId || !input.pools.has(rule.poolId))) {
      skipped.push({ person, why: `rule “${rule.name}” names a pool that no longer exists` });
      continue;
    }
    const role: Role = rule ? rule.role : "END_USER";
    const license: LicenseState =
      !rule || neverHoldsSeat(role) || rule.license === "NONE"
        ? NONE
        : rule.license === "NAMED"
          ? { kind: "NAMED" }
          : { kind: "CONCURRENT", poolId: rule.poolId! };
    if (person.id === input.protectedUserId && person.role === "ADMIN" && role !== "ADMIN") {
      skipped.push({ person, why: "you cannot take away your own administrator role" });
      continue;
    }
    decisions.push({
      person,
      rule: rule ? { id: rule.id, name: rule.name, position } : null,
      role,
      license,
      noNamedSeatLeft: false,
      changed: false,
    });
  }

  // Named seats: those held by people decided here are up for the tie-break; the rest stay.
  const decidedHolders = decisions.filter((d) => d.person.license.kind === "NAMED").length;
  const heldOutside = Math.max(0, input.namedAssignedTotal - decidedHolders);
  const available = Math.max(0, input.namedOwned - heldOutside);
  const wantNamed = decisions
    .filter((d) => d.license.kind === "NAMED")
    .sort(
      (a, b) =>
        Number(b.person.license.kind === "NAMED") - Number(a.person.license.kind === "NAMED") ||
        a.rule!.position - b.rule!.position ||
        (a.person.email < b.person.email ? -1 : a.person.email > b.person.email ? 1 : 0),
    );
  const withoutSeat = wantNamed.slice(available);
  for (const d of withoutSeat) {
    d.license = NONE;
    d.noNamedSeatLeft = true;
  }
  for (const d of decisions)
    d.changed = d.role !== d.person.role || !sameLicense(d.license, d.person.license) || d.rule?.id !== d.person.ruleId;

  return {
    decisions,
    skipped,
    named: {
      owned: input.namedOwned,
      heldOutside,
      requested: wantNamed.length,
      granted: wantNamed.length - withoutSeat.length,
      withoutSeat: withoutSeat.map((d) => d.person),
    },
    problems,
  };
}

/** Whether a decision changes what the person has (role or license), not only which rule decided. */
export function changesAccess(d: Decision): boolean {
  return d.role !== d.person.role || !sameLicense(d.license, d.person.license);
}
