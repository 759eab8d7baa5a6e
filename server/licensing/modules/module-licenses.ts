import "server-only";
import { Prisma } from "../../db/generated/client";
import { inTransaction, type DbOrTx, type Tx } from "../../db/transaction";
import { runnerFor, type SqlTarget } from "../../db/sql";
import { AppError } from "../../errors";
import { LICENSE_MODULE_NAMES, type LicenseModule, type LicensePayload } from "@/lib/validation/license-file";
import { lockEntitlement, lockUsers, plural } from "../allocation";
import { recordSeatEvent } from "../events";
import { isAgentRole } from "@/lib/auth/roles";

/*
 * Exclusive module licenses (../shared/licensing.md, "The license file, module licenses"): each
 * belongs to one agent (named or pool member alike), is never shared or "maxed out" for its holder,
 * and is separate from the seat: working a module needs a live seat AND the module's license.
 * How many may be given out per module is what the license file in force grants; every assignment
 * takes the Entitlement row lock first (as seat allocation does), so two administrators, or an
 * administrator and an identity rule, can never together exceed it (invariant 6).
 */

export const moduleName = (module: LicenseModule) => LICENSE_MODULE_NAMES[module];

/** Who gives or takes a module license: an administrator, or an identity rule (no person). */
export type ModuleLicenseActor = { actorId: string | null; requestId?: string | null };

export type ModuleLicenseChange = { userId: string; module: LicenseModule; reason?: string | null };

/** What the license file in force grants per module (0 each before any file). */
export async function modulesGranted(db: DbOrTx): Promise<LicensePayload["modules"]> {
  const row = await db.licenseFile.findFirst({
    orderBy: [{ installedAt: "desc" }, { id: "desc" }],
    select: { modules: true },
  });
  const modules = (row?.modules ?? {}) as Partial<LicensePayload["modules"]>;
  return { change: modules.change ?? 0, problem: modules.problem ?? 0 };
}

/** Licenses given out per module. */
export async function modulesAssigned(db: DbOrTx): Promise<Record<LicenseModule, number>> {
  const rows = await db.moduleLicense.groupBy({ by: ["module"], _count: { _all: true } });
  const count = (m: LicenseModule) => rows.find((r) => r.module === m)?._count._all ?? 0;
  return { change: count("change"), problem: count("problem") };
}

/**
 * What every module license change locks first, in the seat rules' order (the entitlement, then the
 * person), and the person it is about.
 */
async function lockForModuleChange(tx: Tx, userId: string) {
  await lockEntitlement(tx);
  const person = (await lockUsers(tx, [userId])).get(userId);
  if (!person) throw new AppError("NOT_FOUND", "This person was not found.", undefined, "userId");
  return person;
}

/**
 * Gives a person a module's license. Refused with the numbers when every license the file grants
 * is given out; a person who already holds it keeps it (changed: false). This is the seam for the
 * identity provider's license rules too: they call it with `actorId: null` and their rule as the
 * reason, inside or outside their own transaction.
 */
export async function assignModuleLicense(
  db: DbOrTx,
  change: ModuleLicenseChange,
  actor: ModuleLicenseActor = { actorId: null },
): Promise<{ changed: boolean }> {
  return inTransaction(db, async (tx) => {
    const person = await lockForModuleChange(tx, change.userId);
    const name = moduleName(change.module);
    if (!isAgentRole(person.role))
      throw new AppError(
        "BAD_REQUEST",
        `${person.name} is not an agent: a ${name} license is for agents working in the console.`,
        undefined,
        "userId",
      );
    if (!person.active) throw new AppError("BAD_REQUEST", `${person.name}'s account is disabled.`, undefined, "userId");
    const held = await tx.moduleLicense.findUnique({
      where: { userId_module: { userId: change.userId, module: change.module } },
      select: { id: true },
    });
    if (held) return { changed: false };
    const [granted, assigned] = [
      (await modulesGranted(tx))[change.module],
      await tx.moduleLicense.count({ where: { module: change.module } }),
    ];
    if (assigned >= granted)
      throw new AppError(
        "CONFLICT",
        `${assigned} of ${plural(granted, `${name} license is`, `${name} licenses are`)} assigned: free ` +
          `one, or install a license file granting more, before giving ${person.name} one.`,
        { module: change.module, assigned, granted },
        "module",
      );
    const reason = change.reason?.trim() || (actor.actorId ? "assigned by an administrator" : "identity rule");
    await tx.moduleLicense.create({
      data: { userId: change.userId, module: change.module, assignedById: actor.actorId, reason },
    });
    await recordModuleEvent(tx, actor, { action: "moduleLicense.assign", person, module: change.module, reason });
    return { changed: true };
  });
}

/** Takes a module license back; a person who holds none is left as they are (changed: false). */
export async function removeModuleLicense(
  db: DbOrTx,
  change: ModuleLicenseChange,
  actor: ModuleLicenseActor = { actorId: null },
): Promise<{ changed: boolean }> {
  return inTransaction(db, async (tx) => {
    const person = await lockForModuleChange(tx, change.userId);
    const removed = await tx.moduleLicense.deleteMany({ where: { userId: change.userId, module: change.module } });
    if (removed.count === 0) return { changed: false };
    const reason = change.reason?.trim() || (actor.actorId ? "removed by an administrator" : "identity rule");
    await recordModuleEvent(tx, actor, { action: "moduleLicense.remove", person, module: change.module, reason });
    return { changed: true };
  });
}

/** The seat history's ADMIN_ACTION event of a module license change (licensing invariant 5). */
function recordModuleEvent(
  tx: Tx,
  actor: ModuleLicenseActor,
  event: { action: string; person: { id: string; name: string }; module: LicenseModule; reason: string },
): Promise<void> {
  const assign = event.action === "moduleLicense.assign";
  return recordSeatEvent(tx, {
    type: "ADMIN_ACTION",
    actorId: actor.actorId,
    requestId: actor.requestId ?? null,
    userId: event.person.id,
    userName: event.person.name,
    reason: event.reason,
    details: {
      action: event.action,
      module: event.module,
      before: assign ? null : { module: event.module },
      after: assign ? { module: event.module } : null,
    },
  });
}

/**
 * The module door (every way in calls it, inside the write's transaction): the person must hold
 * the module's license. Working the module counts as using the license (for the reclaim report).
 */
export async function assertModuleLicense(db: SqlTarget, userId: string, module: LicenseModule): Promise<void> {
  const rows = await runnerFor(db).rows<{ id: string }>(Prisma.sql`
    update "ModuleLicense" set "lastUsedAt" = now()
    where "userId" = ${userId} and module = ${module}::"PremiumModule" returning id`);
  if (rows.length === 0) throw moduleLicenseMissing(module);
}

export function moduleLicenseMissing(module: LicenseModule): AppError {
  const name = moduleName(module);
  return new AppError(
    "FORBIDDEN",
    `You have no ${name} license, so you can read ${module} tickets but not work them. Ask an ` +
      `administrator for a ${name} license.`,
    { module, license: "module-missing" },
  );
}

/** The modules a person holds a license for (the console shows what they lack). */
export async function moduleLicensesOf(db: DbOrTx, userId: string): Promise<LicenseModule[]> {
  const rows = await db.moduleLicense.findMany({
    where: { userId },
    select: { module: true },
    orderBy: { module: "asc" },
  });
  return rows.map((r) => r.module);
}
