import "server-only";
import { isUniqueViolation, type Tx } from "../db/transaction";
import { AppError } from "../errors";
import { plural, type LockedPerson, type OwnedSeats } from "./allocation";
import { neverHoldsSeat } from "@/lib/auth/roles";

/*
 * The checks a pool change passes before anything is written, each refused with the numbers and
 * the form field it belongs to.
 */

/** The sizes of all pools add up to at most the concurrent seats owned. */
export function assertPoolsFit(owned: OwnedSeats, allocatedOthers: number, size: number): void {
  const total = allocatedOthers + size;
  if (total <= owned.concurrentSeats) return;
  const free = Math.max(0, owned.concurrentSeats - allocatedOthers);
  throw new AppError(
    "CONFLICT",
    `Pools would use ${total} of ${owned.concurrentSeats} concurrent seats ` +
      `owned. ${plural(free, "seat is", "seats are")} left for this pool: make it smaller, shrink another pool, ` +
      `or own more seats.`,
    { concurrentAllocated: allocatedOthers, requested: size, concurrentSeats: owned.concurrentSeats },
    "size",
  );
}

/**
 * Pool names are unique among pools that are not deleted, ignoring case. The partial unique
 * index "SeatPool_name_live_key" decides; its violation (P2002 through Prisma, 23505 from raw SQL)
 * becomes a message beside the name field.
 */
export async function withPoolName<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const text = error instanceof Error ? error.message : "";
    if (isUniqueViolation(error) || text.includes("23505") || text.includes("SeatPool_name_live_key")) {
      throw new AppError(
        "CONFLICT",
        `A pool named "${name}" already exists (names ignore upper and lower case). Choose another name.`,
        { name },
        "name",
      );
    }
    throw error;
  }
}

export async function assertGroupExists(tx: Tx, groupId: string | null | undefined): Promise<void> {
  if (!groupId) return;
  const group = await tx.group.findUnique({ where: { id: groupId }, select: { id: true } });
  if (!group)
    throw new AppError(
      "NOT_FOUND",
      "That group no longer exists. Reload the page and choose another.",
      undefined,
      "groupId",
    );
}

/** Everyone chosen as a member exists, is an agent or administrator, and is enabled. */
export function assertMembersEligible(ids: readonly string[], people: Map<string, LockedPerson>): void {
  const missing = ids.filter((id) => !people.has(id));
  if (missing.length > 0) {
    throw new AppError(
      "NOT_FOUND",
      `${plural(missing.length, "chosen person no longer exists", "chosen people no longer exist")}. ` +
        `Reload the page and choose again.`,
      { missing },
      "memberIds",
    );
  }
  const chosen = ids.map((id) => people.get(id)!);
  const endUsers = chosen.filter((p) => neverHoldsSeat(p.role));
  if (endUsers.length > 0) {
    throw new AppError(
      "BAD_REQUEST",
      `End users and report viewers never hold a seat license: ${names(endUsers)}. Only agents and ` +
        `administrators can be pool members.`,
      { userIds: endUsers.map((p) => p.id) },
      "memberIds",
    );
  }
  const disabled = chosen.filter((p) => !p.active);
  if (disabled.length > 0) {
    throw new AppError(
      "BAD_REQUEST",
      `Disabled accounts cannot get a seat license: ${names(disabled)}. Enable them first.`,
      { userIds: disabled.map((p) => p.id) },
      "memberIds",
    );
  }
}

function names(people: LockedPerson[]): string {
  const shown = people
    .slice(0, 5)
    .map((p) => p.name)
    .join(", ");
  return people.length > 5 ? `${shown} and ${people.length - 5} more` : shown;
}

export const minutesToSeconds = (minutes: number) => minutes * 60;
/** Shown in whole minutes; a timeout set elsewhere in seconds rounds up so it never reads 0. */
export const secondsToMinutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));
