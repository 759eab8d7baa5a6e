import "server-only";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { hashPassword } from "../auth/password";
import { setPasswordInput, type SetPasswordInput } from "@/lib/validation/users";
import type { Actor } from "./actor";
import { signOutEverywhere, type SignOutResult } from "./sign-out-everywhere";

/**
 * An administrator sets a new password (argon2id). Every session of the person ends, so whoever
 * knew the old password is out at once; their seat is freed with them.
 */
export async function setPassword(db: Db, rawInput: SetPasswordInput, actor: Actor): Promise<SignOutResult> {
  const input = setPasswordInput.parse(rawInput);
  const passwordHash = await hashPassword(input.password);
  const { count } = await db.user.updateMany({ where: { id: input.id }, data: { passwordHash } });
  if (count === 0) throw new AppError("NOT_FOUND", "This person no longer exists.");
  return signOutEverywhere(db, input.id, actor, "password changed by an administrator");
}
