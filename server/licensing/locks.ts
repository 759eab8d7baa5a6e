import type { Tx } from "../db/transaction";

/*
 * Row locks that serialise seat decisions in PostgreSQL, so they hold across app instances.
 * Lock order, everywhere: the person's User row first, then the SeatPool row. FOR NO KEY UPDATE
 * (not FOR UPDATE) so inserts that merely reference the row (tickets, leases) are not blocked.
 */

export type LockedUser = { id: string; name: string; active: boolean };

export async function lockUser(tx: Tx, userId: string): Promise<LockedUser | null> {
  const rows = await tx.$queryRaw<LockedUser[]>`select id, name, active from "User" where id = ${userId} for no key update`;
  return rows[0] ?? null;
}

export type LockedPool = { id: string; name: string; size: number; idleTimeoutSeconds: number; deletedAt: Date | null };

export async function lockPool(tx: Tx, poolId: string, options: { skipLocked?: boolean } = {}): Promise<LockedPool | null> {
  const rows = options.skipLocked
    ? await tx.$queryRaw<LockedPool[]>`select id, name, size, "idleTimeoutSeconds", "deletedAt" from "SeatPool" where id = ${poolId} for no key update skip locked`
    : await tx.$queryRaw<LockedPool[]>`select id, name, size, "idleTimeoutSeconds", "deletedAt" from "SeatPool" where id = ${poolId} for no key update`;
  return rows[0] ?? null;
}
