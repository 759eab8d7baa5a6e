import "server-only";
import type { Role } from "../../db/generated/enums";
import type { RuleLicenseKind } from "@/lib/validation/license-rules";
import { LICENSE_MODULES, type LicenseModule } from "@/lib/validation/license-file";
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
 * - Module licenses (server/licensing/modules): the deciding rule's modules, for agents and
 *   administrators only (a module license is for working in the console); a person the rules
 *   decide for holds exactly those, so a module the rule does not give is taken back. Per module,
 *   no more are given than the license file grants: licenses held by people the rules do not
 *   decide for stay theirs, the rest go by the same tie-break (present holders of that module
 *   first, then earlier rules, then email).
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
  modules: LicenseModule[];
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
  /** The module licenses held now. */
  modules: LicenseModule[];
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
  /** The module licenses the person ends with (sorted). */
  modules: LicenseModule[];
  /** Modules the rule gives, but none of whose licenses was left. */
  modulesWithoutLicense: LicenseModule[];
  changed: boolean;
};

export type LimitOutcome = {
  owned: number;
  /** Held by people the rules do not decide for. */
  heldOutside: number;
  /** What the rules give (before the limit). */
  requested: number;
  granted: number;
  /** Who the rules would give one but gets none, in tie-break order. */
  without: PlanPerson[];
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
  /** Per module: what the license file grants and what the rules give of it. */
  modules: Record<LicenseModule, LimitOutcome>;
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
  /** Module licenses the license file grants, and every one assigned now (also outside `people`). */
  modulesOwned?: Record<LicenseModule, number>;
  modulesAssignedTotal?: Record<LicenseModule, number>;
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

export function sameModules(a: readonly LicenseModule[], b: readonly LicenseModule[]): boolean {
  return a.length === b.length && a.every((m) => b.includes(m));
}

const byEmail = (a: PlanPerson, b: PlanPerson) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0);

/**
 * The limit of one kind of license: those `wants` who get one, the present holders first (`holds`),
 * then earlier rules, then email; `heldNow` counts the decided people's present holders, whose
 * licenses are up for the tie-break, so what the others hold stays theirs.
 */
function limit(
  decisions: Decision[],
  owned: number,
  assignedTotal: number,
  wants: (d: Decision) => boolean,
  holds: (p: PlanPerson) => boolean,
): { outcome: LimitOutcome; losers: Decision[] } {
  const decidedHolders = decisions.filter((d) => holds(d.person)).length;
  const heldOutside = Math.max(0, assignedTotal - decidedHolders);
  const available = Math.max(0, owned - heldOutside);
  const wanting = decisions
    .filter(wants)
    .sort(
      (a, b) =>
        Number(holds(b.person)) - Number(holds(a.person)) ||
        a.rule!.position - b.rule!.position ||
        byEmail(a.person, b.person),
    );
  const losers = wanting.slice(available);
  return {
    outcome: {
      owned,
      heldOutside,
      requested: wanting.length,
      granted: wanting.length - losers.length,
      without: losers.map((d) => d.person),
    },
    losers,
  };
}

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
    const modules =
      rule && (role === "AGENT" || role === "ADMIN") ? LICENSE_MODULES.filter((m) => rule.modules.includes(m)) : [];
    decisions.push({
      person,
      rule: rule ? { id: rule.id, name: rule.name, position } : null,
      role,
      license,
      noNamedSeatLeft: false,
      modules,
      modulesWithoutLicense: [],
      changed: false,
    });
  }

  // Named seats: those held by people decided here are up for the tie-break; the rest stay.
  const named = limit(
    decisions,
    input.namedOwned,
    input.namedAssignedTotal,
    (d) => d.license.kind === "NAMED",
    (p) => p.license.kind === "NAMED",
  );
  for (const d of named.losers) {
    d.license = NONE;
    d.noNamedSeatLeft = true;
  }
  // Module licenses, each module on its own, the same way.
  const moduleOutcomes = {} as Record<LicenseModule, LimitOutcome>;
  for (const which of LICENSE_MODULES) {
    const { outcome, losers } = limit(
      decisions,
      input.modulesOwned?.[which] ?? 0,
      input.modulesAssignedTotal?.[which] ?? 0,
      (d) => d.modules.includes(which),
      (p) => p.modules.includes(which),
    );
    moduleOutcomes[which] = outcome;
    for (const d of losers) {
      d.modules = d.modules.filter((m) => m !== which);
      d.modulesWithoutLicense.push(which);
    }
  }
  for (const d of decisions) d.changed = changesAccess(d) || d.rule?.id !== d.person.ruleId;

  return {
    decisions,
    skipped,
    named: {
      owned: named.outcome.owned,
      heldOutside: named.outcome.heldOutside,
      requested: named.outcome.requested,
      granted: named.outcome.granted,
      withoutSeat: named.outcome.without,
    },
    modules: moduleOutcomes,
    problems,
  };
}

/** Whether a decision changes the person's role or seat license. */
export function changesSeat(d: Decision): boolean {
  return d.role !== d.person.role || !sameLicense(d.license, d.person.license);
}

/** Whether a decision changes what the person has (role, seat or module licenses), not only which rule decided. */
export function changesAccess(d: Decision): boolean {
  return changesSeat(d) || !sameModules(d.modules, d.person.modules);
}
