import "server-only";
import type { Tx } from "../db/transaction";
import { AppError } from "../errors";
import type { LicenseChoice } from "@/lib/validation/licensing";
import { recordAdminAction, type AdminActor, type LockedPerson, type OwnedSeats } from "./allocation";
import { releaseLeaseOfUser } from "./release";
import { neverHoldsSeat, seatlessRoleName } from "@/lib/auth/roles";

/*
 * Changing the one license a person holds (../shared/licensing.md, "Entitlement and allocation"). Used by
 * setLicense and by pool edits (members added or removed). The caller holds the Entitlement lock
 * and the person's User row lock.
 *
 * - Only agents and administrators hold a license; end users never need one.
 * - Named seats assigned never exceed named seats owned.
 * - A move (named <-> pool, pool <-> pool) applies at the next checkout: the seat held now is
 *   kept unless the administrator chose to end it. Removing the license ends it at once
 *   (LICENSE_REMOVED), and the agent's console says why.
 */

export type LicenseView =
  { kind: "NAMED" } | { kind: "CONCURRENT"; poolId: string; poolName: string } | { kind: "NONE" };

export type LicenseChange = {
  changed: boolean;
  before: LicenseView;
  after: LicenseView;
  heldSeat: boolean;
  seatEnded: boolean;
};

export async function currentLicense(tx: Tx, userId: string): Promise<LicenseView> {
  const a = await tx.seatAssignment.findUnique({
    where: { userId },
    select: { kind: true, pool: { select: { id: true, name: true } } },
  });
  if (!a) return { kind: "NONE" };
  return a.kind === "NAMED" || !a.pool
    ? { kind: "NAMED" }
    : { kind: "CONCURRENT", poolId: a.pool.id, poolName: a.pool.name };
}

const same = (a: LicenseView, b: LicenseChoice) =>
  a.kind === b.kind && (a.kind !== "CONCURRENT" || (b.kind === "CONCURRENT" && a.poolId === b.poolId));

export async function changeLicense(
  tx: Tx,
  actor: AdminActor,
  owned: OwnedSeats,
  person: LockedPerson,
  target: LicenseChoice,
  options: {
    endCurrentSeat?: boolean;
    note?: string;
    field?: string;
    /** The seat history's reason when not an administrator's own choice (e.g. the license rule that decided). */
    reason?: string;
    details?: Record<string, string | null>;
  } = {},
): Promise<LicenseChange> {
  const before = await currentLicense(tx, person.id);
  const open = await tx.seatLease.findFirst({ where: { userId: person.id, endedAt: null }, select: { id: true } });
  if (same(before, target)) return { changed: false, before, after: before, heldSeat: Boolean(open), seatEnded: false };

  let after: LicenseView = { kind: "NONE" };
  if (target.kind !== "NONE") {
    if (neverHoldsSeat(person.role)) {
      throw new AppError(
        "BAD_REQUEST",
        `${person.name} is ${seatlessRoleName(person.role)}: end users and report viewers never hold a ` +
          `seat license. Make them an agent first.`,
        { userId: person.id },
        options.field,
      );
    }
    if (!person.active) {
      throw new AppError(
        "BAD_REQUEST",
        `${person.name}'s account is disabled: enable it before giving them a seat license.`,
        { userId: person.id },
        options.field,
      );
    }
  }
  if (target.kind === "NAMED") {
    // The person holds no named seat now (else `same`), so they need one more.
    const assigned = await tx.seatAssignment.count({ where: { kind: "NAMED" } });
    if (assigned >= owned.namedSeats) {
      throw new AppError(
        "CONFLICT",
        `${assigned} of ${owned.namedSeats} named seats are assigned: free one, or own more, before ` +
          `giving ${person.name} a named seat.`,
        { namedAssigned: assigned, namedSeats: owned.namedSeats },
        options.field ?? "license",
      );
    }
    after = { kind: "NAMED" };
  } else if (target.kind === "CONCURRENT") {
    const pool = await tx.seatPool.findFirst({
      where: { id: target.poolId, deletedAt: null },
      select: { id: true, name: true },
    });
    if (!pool)
      throw new AppError(
        "NOT_FOUND",
        "That pool no longer exists. Reload the page and choose another.",
        undefined,
        options.field ?? "license",
      );
    after = { kind: "CONCURRENT", poolId: pool.id, poolName: pool.name };
  }

  if (after.kind === "NONE") {
    await tx.seatAssignment.delete({ where: { userId: person.id } });
  } else {
    const poolId = after.kind === "CONCURRENT" ? after.poolId : null;
    await tx.$executeRaw`
      insert into "SeatAssignment" ("userId", kind, "poolId", "assignedAt") values (${person.id},
        ${after.kind}::"SeatKind", ${poolId}, now())
      on conflict ("userId") do update set kind = excluded.kind, "poolId" = excluded."poolId", "assignedAt" = now()`;
  }
  // A place in the line of a pool they no longer belong to would only hold a seat nobody can claim.
  const keepPoolId = after.kind === "CONCURRENT" ? after.poolId : null;
  await tx.$executeRaw`
    update "SeatQueueEntry" set "endedAt" = now(), outcome = 'REMOVED'
    where "userId" = ${person.id} and "endedAt" is null and (${keepPoolId}::text is null or "poolId" <> ${keepPoolId})`;

  let seatEnded = false;
  if (open && (after.kind === "NONE" || options.endCurrentSeat)) {
    const released = await releaseLeaseOfUser(tx, {
      userId: person.id,
      reason: "LICENSE_REMOVED",
      actorId: actor.actorId,
      requestId: actor.requestId ?? null,
      leaseId: open.id,
      // The reason text already says the license was removed; a move says where they went.
      note:
        options.note ??
        (after.kind === "NONE"
          ? null
          : `An administrator gave you ${licenseLabel(after)} instead; take a seat again to go on.`),
    });
    seatEnded = released.released;
  }

  await recordAdminAction(tx, actor, {
    action: "license.set",
    before,
    after,
    userId: person.id,
    userName: person.name,
    kind: after.kind === "NONE" ? null : after.kind,
    poolId: after.kind === "CONCURRENT" ? after.poolId : before.kind === "CONCURRENT" ? before.poolId : null,
    poolName: after.kind === "CONCURRENT" ? after.poolName : before.kind === "CONCURRENT" ? before.poolName : null,
    reason: options.reason ?? null,
    extra: { seatEnded, ...options.details },
  });
  return { changed: true, before, after, heldSeat: Boolean(open), seatEnded };
}

export function licenseLabel(view: LicenseView): string {
  return view.kind === "NAMED"
    ? "a named seat"
    : view.kind === "CONCURRENT"
      ? `the pool "${view.poolName}"`
      : "no license";
}

/** The sentence the administrator reads after a change. */
export function licenseChangeMessage(name: string, change: LicenseChange): string {
  if (!change.changed) return `${name} already has ${licenseLabel(change.after)}: nothing changed.`;
  const what =
    change.after.kind === "NONE"
      ? `${name} no longer has a seat license.`
      : `${name} now has ${licenseLabel(change.after)}.`;
  if (change.seatEnded) return `${what} Their current seat was ended; they were told why.`;
  if (change.heldSeat && change.after.kind !== "NONE")
    return `${what} They keep the seat they hold now; the change applies at their next checkout.`;
  return what;
}
