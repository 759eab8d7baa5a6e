import "server-only";
import type { Db } from "../db/client";
import { isUniqueViolation, type DbOrTx } from "../db/transaction";
import { AppError } from "../errors";
import {
  createGroupInput,
  renameGroupInput,
  type GroupFieldsInput,
  type RenameGroupInput,
} from "@/lib/validation/groups";

/*
 * Creating and renaming assignment groups. Names are unique ignoring case ("Network" and
 * "network" would confuse everyone who assigns a ticket); the database's unique index is exact,
 * so the case-insensitive check happens here and the index catches an exact race.
 */

async function assertNameFree(db: DbOrTx, name: string, exceptId?: string): Promise<void> {
  const taken = await db.group.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { name: true },
  });
  if (taken)
    throw new AppError(
      "CONFLICT",
      `A group named "${taken.name}" already exists. Choose another name.`,
      undefined,
      "name",
    );
}

function nameTaken(name: string): AppError {
  return new AppError("CONFLICT", `A group named "${name}" already exists. Choose another name.`, undefined, "name");
}

export async function createGroup(db: Db, rawInput: GroupFieldsInput): Promise<{ id: string }> {
  const input = createGroupInput.parse(rawInput);
  await assertNameFree(db, input.name);
  try {
    return await db.group.create({
      data: { name: input.name, description: input.description ?? "" },
      select: { id: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

/** Renames a group (and updates its description when given). */
export async function renameGroup(db: Db, rawInput: RenameGroupInput): Promise<{ id: string }> {
  const input = renameGroupInput.parse(rawInput);
  const group = await db.group.findUnique({ where: { id: input.id }, select: { id: true } });
  if (!group) throw new AppError("NOT_FOUND", "This group no longer exists.");
  await assertNameFree(db, input.name, input.id);
  try {
    await db.group.update({
      where: { id: input.id },
      data: { name: input.name, ...(input.description !== undefined ? { description: input.description } : {}) },
    });
    return { id: input.id };
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}
