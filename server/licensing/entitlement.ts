import "server-only";
import type { DbOrTx, Tx } from "../db/transaction";
import { AppError } from "../errors";
import { allocationCounts, plural, type OwnedSeats } from "./allocation";

/*
 * What the organisation owns (../shared/licensing.md, "Entitlement and allocation"), and how much of it is
 * given out: named seats assigned to people, concurrent seats given to pools. What is owned comes
 * from the license file in force: installing one (license-file/install.ts) copies its seat numbers
 * to the Entitlement row, which every seat limit reads; administrators never type them.
 */

export type EntitlementSummary = {
  namedSeats: number;
  concurrentSeats: number;
  namedAssigned: number;
  concurrentAllocated: number;
  updatedAt: Date | null;
};

/** A read that never writes: before the first license file, the organisation owns 0/0. */
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
 * Refuses a license that owns fewer seats than are given out, with the numbers: the administrator
 * frees seats first (unassigns named seats, shrinks or deletes pools), so nobody loses a license as
 * a side effect of installing a smaller license file. Call with the Entitlement row locked.
 */
export async function assertOwnsWhatIsGivenOut(tx: Tx, owned: OwnedSeats): Promise<void> {
  const { namedAssigned, concurrentAllocated } = await allocationCounts(tx);
  if (owned.namedSeats < namedAssigned) {
    throw new AppError(
      "CONFLICT",
      `${plural(namedAssigned, "named seat is", "named seats are")} assigned, but this license grants ` +
        `only ${owned.namedSeats}. Unassign ${namedAssigned - owned.namedSeats} first.`,
      { namedAssigned, namedSeats: owned.namedSeats },
      "text",
    );
  }
  if (owned.concurrentSeats < concurrentAllocated) {
    throw new AppError(
      "CONFLICT",
      `Pools use ${concurrentAllocated} concurrent seats, but this license grants ` +
        `only ${owned.concurrentSeats}. Shrink or delete pools by ${concurrentAllocated - owned.concurrentSeats} ` +
        `seats first.`,
      { concurrentAllocated, concurrentSeats: owned.concurrentSeats },
      "text",
    );
  }
}
