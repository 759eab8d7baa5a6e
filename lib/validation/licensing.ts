import { z } from "zod";

/*
 * Seat licensing administration: the shapes shared by the admin forms and the adminLicenses
 * procedures. Messages are written for the administrator reading them beside the field.
 */

/** Upper bounds that only catch typos (an extra zero or two), not business limits. */
export const MAX_OWNED_SEATS = 100_000;
export const MAX_POOL_SIZE = 10_000;
export const IDLE_TIMEOUT_MINUTES = { min: 1, max: 1440 } as const;
export const MAX_POOL_MEMBERS = 2_000;

export const poolName = z
  .string()
  .trim()
  .min(1, "Give the pool a name")
  .max(80, "Keep the name to 80 characters or fewer");

export const poolSize = z
  .number({ error: "Enter how many seats the pool has" })
  .int("A pool has a whole number of seats, like 4")
  .positive("A pool needs at least 1 seat")
  .max(MAX_POOL_SIZE, `A pool can have at most ${MAX_POOL_SIZE.toLocaleString("en")} seats`);

export const idleTimeoutMinutes = z
  .number({ error: "Enter the idle timeout in minutes" })
  .int("Use whole minutes")
  .min(IDLE_TIMEOUT_MINUTES.min, `The idle timeout is at least ${IDLE_TIMEOUT_MINUTES.min} minute`)
  .max(IDLE_TIMEOUT_MINUTES.max, `The idle timeout is at most ${IDLE_TIMEOUT_MINUTES.max} minutes (24 hours)`);

const id = z.string().trim().min(1, "Choose one").max(100);

/** Everything the pool form edits. `groupId: null` means the pool serves no particular group. */
export const poolInput = z.object({
  name: poolName,
  size: poolSize,
  idleTimeoutMinutes,
  groupId: id.nullable(),
  memberIds: z
    .array(id)
    .max(MAX_POOL_MEMBERS, `A pool can have at most ${MAX_POOL_MEMBERS.toLocaleString("en")} members`),
});
export type PoolInput = z.infer<typeof poolInput>;

/** An edit changes only what it names; leaving `memberIds` out keeps the members as they are. */
export const updatePoolInput = poolInput.partial().extend({ poolId: id });
export type UpdatePoolInput = z.infer<typeof updatePoolInput>;

export const deletePoolInput = z.object({
  poolId: id,
  reason: z
    .string()
    .trim()
    .min(3, "Say why in a few words: agents who lose their seat are told")
    .max(500, "Keep the reason to 500 characters or fewer"),
  /** Must be true to end live seats; without it the server answers with how many there are. */
  confirm: z.boolean().optional(),
  /**
   * How many live seats the confirmation showed. More seats in use by now are not ended on that
   * confirmation: the server answers with the new number, so the administrator confirms what happens.
   */
  liveLeasesShown: z.number().int().min(0).optional(),
});
export type DeletePoolInput = z.infer<typeof deletePoolInput>;

export const licenseChoice = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("NAMED") }),
  z.object({ kind: z.literal("CONCURRENT"), poolId: id }),
  z.object({ kind: z.literal("NONE") }),
]);
export type LicenseChoice = z.infer<typeof licenseChoice>;

export const setLicenseInput = z.object({
  userId: id,
  license: licenseChoice,
  /**
   * For a move between named and a pool (or between pools): also end the seat held now, instead
   * of letting the change apply at the next checkout. Removing the license always ends it.
   */
  endCurrentSeat: z.boolean().optional(),
});
export type SetLicenseInput = z.infer<typeof setLicenseInput>;

export const pageInput = z.object({
  cursor: z.string().max(100).nullish(),
  limit: z.number().int().min(1).max(100).optional(),
});

export const listAgentsInput = pageInput.extend({
  search: z.string().trim().max(100, "Search with 100 characters or fewer").optional(),
});
export type ListAgentsInput = z.infer<typeof listAgentsInput>;
