import "server-only";
import { inTransaction, type DbOrTx } from "../../db/transaction";
import { AppError } from "../../errors";
import { lockUser } from "../../licensing/locks";
import type {
  ApplyRulesInput,
  PinInput,
  PinnedPageInput,
  PreviewRulesInput,
  SaveRulesInput,
} from "@/lib/validation/license-rules";
import { adminGains, applyLicenseRules, planFor, type ApplyResult, type RulesActor } from "./apply";
import { changesAccess, type LicenseState, type PlanPerson } from "./plan";
import { LICENSE_MODULES, type LicenseModule } from "@/lib/validation/license-file";
import { draftRules, loadRules, replaceRules } from "./store";

/*
 * The license rules page's operations: the saved rules, a preview of a draft (or of the saved
 * rules), saving (which applies them to everyone in the same transaction), applying again, and
 * pins by hand.
 */

/** At most this many changes are listed in a preview; the totals count them all. */
export const PREVIEW_LIMIT = 200;

export async function listRules(db: DbOrTx) {
  const [rules, pools] = await Promise.all([
    loadRules(db),
    db.seatPool.findMany({ where: { deletedAt: null }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { rules, pools };
}

type PersonRef = { id: string; name: string; email: string };
const ref = (p: PlanPerson): PersonRef => ({ id: p.id, name: p.name, email: p.email });

export type LicenseText = { kind: LicenseState["kind"]; poolName: string | null };

export type PreviewChange = {
  person: PersonRef;
  rule: string | null;
  before: { role: string; license: LicenseText; modules: LicenseModule[] };
  after: { role: string; license: LicenseText; modules: LicenseModule[] };
  noNamedSeatLeft: boolean;
  /** Modules the rule gives but none of whose licenses is left for this person. */
  modulesWithoutLicense: LicenseModule[];
};

type ModuleOutcome = {
  owned: number;
  heldOutside: number;
  requested: number;
  granted: number;
  /** Module licenses gained and lost by the changes. */
  gains: number;
  losses: number;
  without: PersonRef[];
};

export type RulesPreview = {
  changes: PreviewChange[];
  totalChanges: number;
  gains: number;
  losses: number;
  unchanged: number;
  skipped: { pinned: number; disabled: number; other: { person: PersonRef; why: string }[] };
  named: { owned: number; heldOutside: number; requested: number; granted: number; withoutSeat: PersonRef[] };
  /** Per module: what the file grants, what the rules give, gains and losses, who gets none. */
  modules: Record<LicenseModule, ModuleOutcome>;
  adminGains: PersonRef[];
  problems: string[];
};

const rank = { NONE: 0, CONCURRENT: 1, NAMED: 2 } as const;

export async function previewRules(db: DbOrTx, input: PreviewRulesInput, actorId: string): Promise<RulesPreview> {
  const rules = input.rules ? await draftRules(db, input.rules) : undefined;
  const { plan, poolNames } = await planFor(db, { rules, protectedUserId: actorId });
  const text = (l: LicenseState): LicenseText => ({
    kind: l.kind,
    poolName: l.kind === "CONCURRENT" ? (poolNames.get(l.poolId) ?? null) : null,
  });
  const changed = plan.decisions.filter(changesAccess);
  const gains = changed.filter((d) => rank[d.license.kind] > rank[d.person.license.kind]).length;
  const losses = changed.filter((d) => rank[d.license.kind] < rank[d.person.license.kind]).length;
  return {
    changes: changed.slice(0, PREVIEW_LIMIT).map((d) => ({
      person: ref(d.person),
      rule: d.rule?.name ?? null,
      before: { role: d.person.role, license: text(d.person.license), modules: d.person.modules },
      after: { role: d.role, license: text(d.license), modules: d.modules },
      noNamedSeatLeft: d.noNamedSeatLeft,
      modulesWithoutLicense: d.modulesWithoutLicense,
    })),
    totalChanges: changed.length,
    gains,
    losses,
    unchanged: plan.decisions.length - changed.length,
    skipped: {
      pinned: plan.skipped.filter((s) => s.why === "pinned by hand").length,
      disabled: plan.skipped.filter((s) => s.why === "account disabled").length,
      other: plan.skipped
        .filter((s) => s.why !== "pinned by hand" && s.why !== "account disabled")
        .slice(0, PREVIEW_LIMIT)
        .map((s) => ({ person: ref(s.person), why: s.why })),
    },
    named: { ...plan.named, withoutSeat: plan.named.withoutSeat.slice(0, PREVIEW_LIMIT).map(ref) },
    modules: Object.fromEntries(
      LICENSE_MODULES.map((m) => {
        const { without, ...limit } = plan.modules[m];
        const gainsOf = changed.filter((d) => d.modules.includes(m) && !d.person.modules.includes(m)).length;
        const lossesOf = changed.filter((d) => !d.modules.includes(m) && d.person.modules.includes(m)).length;
        return [m, { ...limit, gains: gainsOf, losses: lossesOf, without: without.slice(0, PREVIEW_LIMIT).map(ref) }];
      }),
    ) as Record<LicenseModule, ModuleOutcome>,
    adminGains: adminGains(plan).slice(0, PREVIEW_LIMIT).map(ref),
    problems: plan.problems,
  };
}

/** Saves the rule list and applies it to everyone, in one transaction: both happen, or neither. */
export function saveRules(db: DbOrTx, actor: RulesActor, input: SaveRulesInput): Promise<ApplyResult> {
  return inTransaction(db, async (tx) => {
    await replaceRules(tx, input.rules);
    return applyLicenseRules(tx, actor, { confirmAdminGrant: input.confirmAdminGrant, requireConfirmation: true });
  });
}

export function applyRulesToEveryone(db: DbOrTx, actor: RulesActor, input: ApplyRulesInput): Promise<ApplyResult> {
  return applyLicenseRules(db, actor, { confirmAdminGrant: input.confirmAdminGrant, requireConfirmation: true });
}

export type PinnedPerson = PersonRef & {
  role: string;
  license: LicenseText;
  pinnedAt: Date;
  pinnedByName: string | null;
  reason: string | null;
};

/** Pinned people, most recently pinned first, a page at a time (cursor: the last person's id). */
export async function listPinned(
  db: DbOrTx,
  input: PinnedPageInput,
): Promise<{ items: PinnedPerson[]; nextCursor: string | null }> {
  const limit = input.limit ?? 25;
  const rows = await db.userIdentity.findMany({
    where: { pinnedAt: { not: null } },
    orderBy: [{ pinnedAt: "desc" }, { userId: "asc" }],
    ...(input.cursor ? { cursor: { userId: input.cursor }, skip: 1 } : {}),
    take: limit + 1,
    select: {
      userId: true,
      pinnedAt: true,
      pinnedByName: true,
      pinReason: true,
      user: {
        select: {
          name: true,
          email: true,
          role: true,
          seatAssignment: { select: { kind: true, pool: { select: { name: true } } } },
        },
      },
    },
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: r.userId,
      name: r.user.name,
      email: r.user.email,
      role: r.user.role,
      license: {
        kind: r.user.seatAssignment?.kind ?? "NONE",
        poolName: r.user.seatAssignment?.pool?.name ?? null,
      },
      pinnedAt: r.pinnedAt!,
      pinnedByName: r.pinnedByName,
      reason: r.pinReason,
    })),
    nextCursor: rows.length > limit ? page[page.length - 1]!.userId : null,
  };
}

/** Pins a person's role and license as they are now: the rules skip them until unpinned. */
export function pinPerson(db: DbOrTx, actor: { actorId: string }, input: PinInput): Promise<{ message: string }> {
  return inTransaction(db, async (tx) => {
    const person = await lockUser(tx, input.userId);
    if (!person) throw new AppError("NOT_FOUND", "That person no longer exists.", undefined, "userId");
    const admin = await tx.user.findUnique({ where: { id: actor.actorId }, select: { name: true } });
    const pin = {
      pinnedAt: new Date(),
      pinnedById: actor.actorId,
      pinnedByName: admin?.name ?? null,
      pinReason: input.reason,
    };
    await tx.userIdentity.upsert({ where: { userId: person.id }, create: { userId: person.id, ...pin }, update: pin });
    return { message: `${person.name} is pinned: the license rules leave their role and license as they are.` };
  });
}

export function unpinPerson(db: DbOrTx, input: { userId: string }): Promise<{ message: string }> {
  return inTransaction(db, async (tx) => {
    const person = await lockUser(tx, input.userId);
    if (!person) throw new AppError("NOT_FOUND", "That person no longer exists.");
    const { count } = await tx.userIdentity.updateMany({
      where: { userId: person.id, pinnedAt: { not: null } },
      data: { pinnedAt: null, pinnedById: null, pinnedByName: null, pinReason: null },
    });
    return {
      message: count
        ? `${person.name} is no longer pinned: the rules decide for them from the next application.`
        : `${person.name} was not pinned.`,
    };
  });
}
