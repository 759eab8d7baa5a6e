import { inTransaction, type DbOrTx } from "../db/transaction";
import { AppError } from "../errors";
import type { EntitlementInput } from "@/lib/validation/licensing";
import { allocationCounts, lockEntitlement, plural, recordAdminAction, type AdminActor } from "./allocation";

/*
 * What the organisation owns (licensing.md, "Entitlement and allocation"), and how much of it is
 * given out: named seats assigned to people, concurrent seats given to pools.
 */

export type EntitlementSummary = {
  namedSeats: number;
  concurrentSeats: number;
  namedAssigned: number;
  concurrentAllocated: number;
  updatedAt: Date | null;
};

/** A read that never writes: before anyone set an entitlement, the organisation owns 0/0. */
export async function getEntitlement(db: DbOrTx): Promise<EntitlementSummary> {
  const [row, counts] = await Promise.all([
    db.entitlement.findUnique({
      where: { id: 1 },
      select: { namedSeats: true, concurrentSeats: true, updatedAt: true },
    }),
    allocationCounts(db),
  ]);
  return {
    namedSeats: row?.namedSeats ?? 0,
    concurrentSeats: row?.concurrentSeats ?? 0,
    updatedAt: row?.updatedAt ?? null,
    ...counts,
  };
}

/**
 * Sets the seats owned. Owning fewer than are given out is refused with the numbers: the
 * administrator frees seats first (unassigns named seats, shrinks or deletes pools), so nobody
 * loses a license as a side effect of a number typed in a form.
 */
export async function setEntitlement(
  db: DbOrTx,
  actor: AdminActor,
  input: EntitlementInput,
): Promise<EntitlementSummary> {
  return inTransaction(db, async (tx) => {
    const before = await lockEntitlement(tx);
    const { namedAssigned, concurrentAllocated } = await allocationCounts(tx);
    if (input.namedSeats < namedAssigned) {
      throw new AppError(
        "CONFLICT",
        `${plural(namedAssigned, "named seat is", "named seats are")} assigned, so you cannot own only ${input.namedSeats}. Unassign ${namedAssigned - input.namedSeats} first.`,
        { namedAssigned, namedSeats: input.namedSeats },
        "namedSeats",
      );
    }
    if (input.concurrentSeats < concurrentAllocated) {
      throw new AppError(
        "CONFLICT",
        `Pools use ${concurrentAllocated} concurrent seats, so you cannot own only ${input.concurrentSeats}. Shrink or delete pools by ${concurrentAllocated - input.concurrentSeats} seats first.`,
        { concurrentAllocated, concurrentSeats: input.concurrentSeats },
        "concurrentSeats",
      );
    }
    const row = await tx.entitlement.update({
      where: { id: 1 },
      data: { namedSeats: input.namedSeats, concurrentSeats: input.concurrentSeats },
      select: { namedSeats: true, concurrentSeats: true, updatedAt: true },
    });
    await recordAdminAction(tx, actor, { action: "entitlement.set", before: { ...before }, after: { ...input } });
    return { ...row, namedAssigned, concurrentAllocated };
  });
}
